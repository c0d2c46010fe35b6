package peerprep.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.ServiceFixture;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.history.HistoryService.await;

class DeletedUserTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static final JsonObject DELETED = new JsonObject().putNull("id").put("username", "deleted user")
    .putNull("displayName");
  private static HistoryService service;

  @BeforeAll
  static void deploy() {
    service = new HistoryService(fixture);
  }

  private static HttpResponse<Buffer> forget(TestUser user) {
    return await(service.internal(HttpMethod.DELETE, "/internal/users/" + user.id()).send());
  }

  private static JsonObject get(TestUser user, String path) {
    HttpResponse<Buffer> r = await(service.as(user, path).send());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static void putChat(String sessionId, JsonArray messages) {
    HttpResponse<Buffer> r = await(service.internal(HttpMethod.PUT, "/internal/attempts/" + sessionId + "/transcript")
      .sendJsonObject(new JsonObject().put("messages", messages)));
    assertThat(r.statusCode()).isEqualTo(204);
  }

  @Test
  @DisplayName("A deleted account's listing is gone while its partner keeps the attempt, code and replay with 'deleted user'")
  void partnerKeepsAttempt() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    JsonObject attempt = Samples.attempt(ada, linus);
    String sessionId = attempt.getString("sessionId");
    service.record(attempt);
    Instant at = Instant.parse("2026-01-01T10:10:00Z");
    putChat(sessionId, new JsonArray().add(Samples.message(ada, "hello", at)).add(Samples.message(linus, "hi", at)));

    assertThat(forget(ada).statusCode()).isEqualTo(204);

    assertThat(get(ada, "/attempts").getInteger("total")).isZero();
    assertThat(get(ada, "/stats/me").getInteger("total")).isZero();
    assertThat(await(service.as(ada, "/attempts/" + sessionId).send()).statusCode()).isEqualTo(404);
    JsonObject seen = get(linus, "/attempts/" + sessionId);
    assertThat(seen.getJsonArray("participants")).containsExactly(DELETED, Samples.participant(linus));
    assertThat(seen.getString("code")).isEqualTo(Samples.CODE);
    JsonArray chat = seen.getJsonArray("transcript");
    assertThat(chat.getJsonObject(0).getString("username")).isEqualTo("deleted user");
    assertThat(chat.getJsonObject(0).getValue("user")).isNull();
    assertThat(chat.getJsonObject(0).getString("text")).isEqualTo("hello");
    assertThat(chat.getJsonObject(1).getString("username")).isEqualTo("linus");
    assertThat(chat.encode()).doesNotContain(ada.id());
    JsonObject listed = get(linus, "/attempts").getJsonArray("items").getJsonObject(0);
    assertThat(listed.getJsonObject("partner")).isEqualTo(DELETED);
    JsonArray edits = get(linus, "/attempts/" + sessionId + "/replay").getJsonArray("edits");
    assertThat(edits).hasSize(attempt.getJsonArray("edits").size());
    assertThat(edits.encode()).doesNotContain(ada.id()).contains(linus.id());
    String text = "";
    for (int i = 0; i < edits.size(); i++) {
      text = TypingLog.apply(text, edits.getJsonObject(i).getJsonArray("changes"));
    }
    assertThat(text).isEqualTo(Samples.CODE);
  }

  @Test
  @DisplayName("Deleting an account twice, or one with no attempts, is a 204 each time")
  void idempotent() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    String sessionId = service.record(Samples.attempt(ada, linus)).getString("sessionId");
    assertThat(forget(ada).statusCode()).isEqualTo(204);
    assertThat(forget(ada).statusCode()).isEqualTo(204);
    assertThat(forget(service.auth.user("nobody")).statusCode()).isEqualTo(204);
    assertThat(get(linus, "/attempts/" + sessionId).getJsonArray("participants")).containsExactly(DELETED, Samples.participant(linus));
  }

  @Test
  @DisplayName("The deleted account's questions no longer count for matching while the partner's still do")
  void questionIdsForgotten() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    JsonObject attempt = service.record(Samples.attempt(ada, linus));
    forget(ada);
    String questionId = attempt.getJsonObject("question").getString("id");
    assertThat(questionIds(ada)).isEmpty();
    assertThat(questionIds(linus)).containsExactly(questionId);
  }

  private static JsonArray questionIds(TestUser user) {
    return await(service.internal(HttpMethod.GET, "/internal/users/" + user.id() + "/attempted-question-ids").send())
      .bodyAsJsonObject().getJsonArray("questionIds");
  }

  @Test
  @DisplayName("An attempt or transcript arriving after the deletion is stored without the deleted account")
  void lateArrival() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    forget(ada);
    JsonObject attempt = Samples.attempt(ada, linus);
    putChat(attempt.getString("sessionId"), new JsonArray().add(Samples.message(ada, "bye", Instant.parse("2026-01-01T10:20:00Z"))));
    JsonObject stored = service.record(attempt);
    assertThat(stored.getJsonArray("participants")).containsExactly(DELETED, Samples.participant(linus));
    assertThat(stored.getJsonArray("transcript").getJsonObject(0).getString("username")).isEqualTo("deleted user");
    assertThat(get(ada, "/attempts").getInteger("total")).isZero();
    assertThat(get(linus, "/attempts").getInteger("total")).isEqualTo(1);
  }

  @Test
  @DisplayName("An attempt whose two participants are both deleted is removed with its transcript")
  void bothDeleted() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    String sessionId = service.record(Samples.attempt(ada, linus)).getString("sessionId");
    putChat(sessionId, new JsonArray().add(Samples.message(linus, "hi", Instant.parse("2026-01-01T10:20:00Z"))));
    forget(ada);
    assertThat(service.attemptRows(sessionId)).isEqualTo(1);
    forget(linus);
    assertThat(service.attemptRows(sessionId)).isZero();
    assertThat(service.count("SELECT count(*) FROM transcripts WHERE session_id = $1", UUID.fromString(sessionId))).isZero();
    assertThat(await(service.as(service.auth.admin("root"), "/attempts/" + sessionId).send()).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("Deleting needs the service credential and a well-formed user id")
  void failures() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    String sessionId = service.record(Samples.attempt(ada, linus)).getString("sessionId");
    HttpResponse<Buffer> anonymous = await(service.request(HttpMethod.DELETE, "/internal/users/" + ada.id()).send());
    HttpResponse<Buffer> wrong = await(service.request(HttpMethod.DELETE, "/internal/users/" + ada.id())
      .putHeader("X-Internal-Token", "test-internal-credentiaL").send());
    HttpResponse<Buffer> malformed = await(service.internal(HttpMethod.DELETE, "/internal/users/ada").send());
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.bodyAsJsonObject().getString("detail")).contains("'ada'");
    assertThat(get(linus, "/attempts/" + sessionId).getJsonArray("participants")).contains(Samples.participant(ada));
  }
}
