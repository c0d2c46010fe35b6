package peerprep.collab;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class DisplayNameTest {
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(1, new JsonObject());
  private static CollabFixture stack;

  @BeforeAll
  static void start() {
    stack = CollabFixture.of(service);
  }

  private static Future<HttpResponse<Buffer>> rename(TestUser user, String sessionId, Object name) {
    return stack.http().put(stack.port(0), "localhost", "/collaboration-service-api/sessions/" + sessionId + "/me")
      .putHeader("Authorization", user.bearer()).sendJsonObject(new JsonObject().put("displayName", name));
  }

  @Test
  @DisplayName("A participant's display name reaches the partner's view of the session and the list of active sessions; null clears it")
  void partnerSeesDisplayName(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> rename(ada, id, "  Ada Lovelace ")
      .compose(r -> stack.session(0, linus, id).compose(seen -> stack.http().get(stack.port(0), "localhost", "/sessions/active")
        .putHeader("Authorization", linus.bearer()).send().map(active -> {
          ctx.verify(() -> {
            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(seen.getJsonObject("partner").getString("displayName")).isEqualTo("Ada Lovelace");
            JsonArray participants = seen.getJsonArray("participants");
            assertThat(participants.getJsonObject(0).getString("displayName")).isEqualTo("Ada Lovelace");
            assertThat(participants.getJsonObject(1).getValue("displayName")).isNull();
            assertThat(active.bodyAsJsonObject().getJsonArray("sessions").getJsonObject(0).getJsonObject("partner")
              .getString("displayName")).isEqualTo("Ada Lovelace");
          });
          return id;
        })))
      .compose(sid -> rename(ada, sid, null).compose(r -> stack.session(0, linus, sid))))
      .onComplete(ctx.succeeding(cleared -> ctx.verify(() -> {
        assertThat(cleared.getJsonObject("partner").getValue("displayName")).isNull();
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("A display name that is empty, too long or not text is a 400 with a detail; outsiders and unknown sessions get a 404")
  void refusals(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus"), eve = stack.user("eve");
    stack.createSession(ada, linus).compose(id -> Future.all(java.util.List.of(
        rename(ada, id, "   "), rename(ada, id, "x".repeat(65)), rename(ada, id, 42),
        rename(eve, id, "Eve"), rename(ada, UUID.randomUUID().toString(), "Ada"))))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        HttpResponse<Buffer> blank = all.resultAt(0), tooLong = all.resultAt(1), number = all.resultAt(2);
        HttpResponse<Buffer> outsider = all.resultAt(3), unknown = all.resultAt(4);
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.bodyAsJsonObject().getString("detail")).contains("1 to 64 characters");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(number.bodyAsJsonObject().getString("detail")).contains("string or null");
        assertThat(outsider.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        ctx.completeNow();
      })));
  }
}
