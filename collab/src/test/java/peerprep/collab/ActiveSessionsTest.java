package peerprep.collab;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
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
import peerprep.common.testing.TestAuth.TestUser;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class ActiveSessionsTest {
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(2, new JsonObject());
  private static CollabFixture stack;

  @BeforeAll
  static void start() {
    stack = CollabFixture.of(service);
  }

  private static Future<JsonArray> active(int instance, TestUser user) {
    return stack.http().get(stack.port(instance), "localhost", "/collaboration-service-api/sessions/active")
      .putHeader("Authorization", user.bearer()).send()
      .map(r -> {
        if (r.statusCode() != 200) {
          throw new IllegalStateException("active sessions answered " + r.statusCode() + ": " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getJsonArray("sessions");
      });
  }

  @Test
  @DisplayName("Each participant finds their active session on any instance, with the question and their partner; others find none")
  void bothParticipantsFindIt(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus"), eve = stack.user("eve");
    stack.createSession(ada, linus)
      .compose(id -> Future.all(active(1, ada), active(0, linus), active(1, eve)).map(all -> {
        ctx.verify(() -> {
          JsonArray forAda = all.resultAt(0);
          JsonArray forLinus = all.resultAt(1);
          assertThat(forAda).hasSize(1);
          JsonObject mine = forAda.getJsonObject(0);
          assertThat(mine.getString("sessionId")).isEqualTo(id);
          assertThat(mine.getString("status")).isEqualTo("active");
          assertThat(mine.getJsonObject("question").getString("title")).isEqualTo("Two Sum");
          assertThat(mine.getJsonObject("partner").getString("id")).isEqualTo(linus.id());
          assertThat(mine.fieldNames()).doesNotContain("text");
          assertThat(forLinus.getJsonObject(0).getJsonObject("partner").getString("id")).isEqualTo(ada.id());
          assertThat(all.<JsonArray>resultAt(2)).isEmpty();
        });
        return id;
      }))
      .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("An ended session leaves the list while a newer active one is listed first")
  void endedSessionsLeave(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus"), grace = stack.user("grace");
    stack.createSession(ada, linus).compose(first -> stack.createSession(ada, grace).compose(second ->
      active(0, ada).compose(before -> stack.join(0, ada, first).compose(a -> {
        a.send(new JsonObject().put("type", "end"));
        return a.closed();
      }).compose(code -> Future.all(active(0, ada), active(0, linus))).map(after -> {
        ctx.verify(() -> {
          assertThat(before).hasSize(2);
          assertThat(before.getJsonObject(0).getString("sessionId")).isEqualTo(second);
          assertThat(before.getJsonObject(1).getString("sessionId")).isEqualTo(first);
          JsonArray forAda = after.resultAt(0);
          assertThat(forAda).hasSize(1);
          assertThat(forAda.getJsonObject(0).getString("sessionId")).isEqualTo(second);
          assertThat(after.<JsonArray>resultAt(1)).isEmpty();
        });
        return second;
      })))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("Asking for active sessions without a token is a 401 problem")
  void needsToken(VertxTestContext ctx) {
    stack.http().get(stack.port(0), "localhost", "/sessions/active").send()
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
        ctx.completeNow();
      })));
  }
}
