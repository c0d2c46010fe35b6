package peerprep.collab;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.support.CollabFixture;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.auth.Auth;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SessionApiTest {
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(1, new JsonObject());
  private static CollabFixture stack;

  @BeforeAll
  static void start() {
    stack = CollabFixture.of(service);
  }

  @Test
  @DisplayName("Matching creates a session with 201 and gets the same session with 200 when it retries")
  void createIsIdempotent(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    JsonObject body = CollabFixture.sessionRequest(UUID.randomUUID().toString(), ada, linus);
    stack.postSession(0, body).compose(first -> stack.postSession(0, body).map(second -> {
      JsonObject created = first.bodyAsJsonObject();
      ctx.verify(() -> {
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(UUID.fromString(created.getString("sessionId"))).isNotNull();
        assertThat(created.getString("status")).isEqualTo("active");
        assertThat(created.getString("createdAt")).endsWith("Z");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.bodyAsJsonObject()).isEqualTo(created);
      });
      return created.getString("sessionId");
    })).onComplete(ctx.succeeding(id -> ctx.completeNow()));
  }

  @Test
  @DisplayName("Creating a session without the service credential is a 403")
  void createNeedsCredential(VertxTestContext ctx) {
    stack.http().post(stack.port(0), "localhost", "/internal/sessions")
      .sendJsonObject(CollabFixture.sessionRequest(UUID.randomUUID().toString(), stack.user("a"), stack.user("b")))
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("Invalid session requests are 400s whose detail names the problem")
  void createValidates(VertxTestContext ctx) {
    TestUser a = stack.user("a"), b = stack.user("b");
    JsonObject good = CollabFixture.sessionRequest(UUID.randomUUID().toString(), a, b);
    JsonObject sameUser = CollabFixture.sessionRequest(UUID.randomUUID().toString(), a, a);
    JsonObject badLanguage = good.copy().put("language", "cobol");
    JsonObject badDifficulty = good.copy().put("question", good.getJsonObject("question").copy().put("difficulty", "Insane"));
    JsonObject oneParticipant = good.copy().put("participants", new io.vertx.core.json.JsonArray().add(good.getJsonArray("participants").getValue(0)));
    JsonObject badMatch = good.copy().put("matchId", "not-a-uuid");
    Map<JsonObject, String> expected = new LinkedHashMap<>();
    expected.put(sameUser, "different users");
    expected.put(badLanguage, "language");
    expected.put(badDifficulty, "difficulty");
    expected.put(oneParticipant, "'participants' must hold at least 2 items");
    expected.put(badMatch, "matchId");
    List<Future<String>> answers = expected.keySet().stream()
      .map(body -> stack.postSession(0, body).map(r -> r.statusCode() + " " + r.bodyAsJsonObject().getString("detail")))
      .toList();
    Future.all(answers).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      List<String> details = new ArrayList<>(expected.values());
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).result()).startsWith("400 ").contains(details.get(i));
      }
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("A body that is not JSON is a 400, not a 500")
  void createRejectsGarbage(VertxTestContext ctx) {
    stack.http().post(stack.port(0), "localhost", "/internal/sessions")
      .putHeader(Auth.INTERNAL_HEADER, peerprep.common.testing.TestEnv.INTERNAL_TOKEN)
      .sendBuffer(io.vertx.core.buffer.Buffer.buffer("{nope"))
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("detail")).contains("JSON");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("Services read a session in the contract's shape")
  void internalRead(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> stack.internalSession(id).map(json -> {
      ctx.verify(() -> {
        assertThat(json.getString("sessionId")).isEqualTo(id);
        assertThat(json.getString("status")).isEqualTo("active");
        assertThat(json.getString("language")).isEqualTo("python");
        assertThat(json.getJsonObject("question").getString("title")).isEqualTo("Two Sum");
        assertThat(json.getJsonArray("participants").getJsonObject(1).getString("username")).isEqualTo("linus");
        assertThat(json.fieldNames()).containsExactlyInAnyOrder("sessionId", "participants", "status", "question", "language");
      });
      return id;
    })).onComplete(ctx.succeeding(id -> ctx.completeNow()));
  }

  @Test
  @DisplayName("Reading an unknown session, internally or as a user, is a 404 with a detail")
  void unknownSession(VertxTestContext ctx) {
    TestUser ada = stack.user("ada");
    String unknown = UUID.randomUUID().toString();
    stack.http().get(stack.port(0), "localhost", "/internal/sessions/" + unknown)
      .putHeader(Auth.INTERNAL_HEADER, peerprep.common.testing.TestEnv.INTERNAL_TOKEN).send()
      .onComplete(ctx.succeeding(r1 -> stack.http().get(stack.port(0), "localhost", "/sessions/not-an-id")
        .putHeader("Authorization", ada.bearer()).send()
        .onComplete(ctx.succeeding(r2 -> ctx.verify(() -> {
          assertThat(r1.statusCode()).isEqualTo(404);
          assertThat(r1.bodyAsJsonObject().getString("detail")).contains(unknown);
          assertThat(r2.statusCode()).isEqualTo(404);
          ctx.completeNow();
        })))));
  }

  @Test
  @DisplayName("Reading a session internally without the credential is a 403")
  void internalReadNeedsCredential(VertxTestContext ctx) {
    stack.createSession(stack.user("a"), stack.user("b"))
      .compose(id -> stack.http().get(stack.port(0), "localhost", "/internal/sessions/" + id).send())
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(403);
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("A participant reads question, partner, language, status, text and version, also under the public prefix")
  void participantRead(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus)
      .compose(id -> stack.http().get(stack.port(0), "localhost", "/collaboration-service-api/sessions/" + id)
        .putHeader("Authorization", linus.bearer()).send())
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject json = r.bodyAsJsonObject();
        assertThat(json.getJsonObject("partner").getString("id")).isEqualTo(ada.id());
        assertThat(json.getJsonObject("question").getString("difficulty")).isEqualTo("Easy");
        assertThat(json.getString("status")).isEqualTo("active");
        assertThat(json.getString("text")).isEmpty();
        assertThat(json.getInteger("version")).isZero();
        assertThat(json.getString("language")).isEqualTo("python");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("To a signed-in user who is not a participant the session does not exist (404)")
  void outsiderRead(VertxTestContext ctx) {
    TestUser eve = stack.user("eve");
    stack.createSession(stack.user("ada"), stack.user("linus"))
      .compose(id -> stack.http().get(stack.port(0), "localhost", "/sessions/" + id).putHeader("Authorization", eve.bearer()).send())
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.bodyAsJsonObject().getString("detail")).contains("no session");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("Reading a session without a token is a 401")
  void anonymousRead(VertxTestContext ctx) {
    stack.createSession(stack.user("ada"), stack.user("linus"))
      .compose(id -> stack.http().get(stack.port(0), "localhost", "/sessions/" + id).send())
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("Health is 200 while Redis answers")
  void health(VertxTestContext ctx) {
    stack.http().get(stack.port(0), "localhost", "/health").send()
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(200);
        ctx.completeNow();
      })));
  }
}
