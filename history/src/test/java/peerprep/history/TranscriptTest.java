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

class TranscriptTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static final Instant AT = Instant.parse("2026-01-01T10:05:00Z");
  private static HistoryService service;

  @BeforeAll
  static void deploy() {
    service = new HistoryService(fixture);
  }

  private static HttpResponse<Buffer> put(String sessionId, JsonObject body) {
    return await(service.internal(HttpMethod.PUT, "/internal/attempts/" + sessionId + "/transcript").sendJsonObject(body));
  }

  private static JsonObject chat(TestUser a, TestUser b) {
    return new JsonObject().put("messages", new JsonArray()
      .add(Samples.message(a, "shall we use a hash map?", AT))
      .add(Samples.message(b, "yes, one pass", AT.plusSeconds(9))));
  }

  private static JsonArray transcriptSeenBy(TestUser user, String sessionId) {
    HttpResponse<Buffer> r = await(service.as(user, "/attempts/" + sessionId).send());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("transcript");
  }

  @Test
  @DisplayName("A transcript put after the attempt is returned with it to its participants")
  void afterAttempt() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    String sessionId = service.record(Samples.attempt(ada, linus)).getString("sessionId");
    JsonObject chat = chat(ada, linus);
    assertThat(put(sessionId, chat).statusCode()).isEqualTo(204);
    assertThat(transcriptSeenBy(linus, sessionId)).isEqualTo(chat.getJsonArray("messages"));
  }

  @Test
  @DisplayName("A transcript put before the attempt arrives is kept and shown once it does")
  void beforeAttempt() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    JsonObject attempt = Samples.attempt(ada, linus);
    JsonObject chat = chat(ada, linus);
    assertThat(put(attempt.getString("sessionId"), chat).statusCode()).isEqualTo(204);
    JsonObject recorded = service.record(attempt);
    assertThat(recorded.getJsonArray("transcript")).isEqualTo(chat.getJsonArray("messages"));
    assertThat(transcriptSeenBy(ada, attempt.getString("sessionId"))).isEqualTo(chat.getJsonArray("messages"));
  }

  @Test
  @DisplayName("Putting a transcript again replaces it and keeps one copy")
  void repeatReplaces() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    String sessionId = service.record(Samples.attempt(ada, linus)).getString("sessionId");
    JsonObject chat = chat(ada, linus);
    assertThat(put(sessionId, chat).statusCode()).isEqualTo(204);
    assertThat(put(sessionId, chat).statusCode()).isEqualTo(204);
    JsonObject longer = chat.copy();
    longer.getJsonArray("messages").add(Samples.message(ada, "done!", AT.plusSeconds(60)));
    assertThat(put(sessionId, longer).statusCode()).isEqualTo(204);
    assertThat(transcriptSeenBy(ada, sessionId)).hasSize(3);
    assertThat(service.count("SELECT count(*) FROM transcripts WHERE session_id = $1", UUID.fromString(sessionId))).isEqualTo(1);
  }

  @Test
  @DisplayName("More than 2 000 messages is a 413 and stores nothing")
  void tooManyMessages() {
    TestUser ada = service.auth.user("ada");
    JsonArray messages = new JsonArray();
    for (int i = 0; i < 2_001; i++) {
      messages.add(Samples.message(ada, "m" + i, AT.plusSeconds(i)));
    }
    String sessionId = UUID.randomUUID().toString();
    HttpResponse<Buffer> r = put(sessionId, new JsonObject().put("messages", messages));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("2001").contains("2000");
    assertThat(service.count("SELECT count(*) FROM transcripts WHERE session_id = $1", UUID.fromString(sessionId))).isZero();
  }

  @Test
  @DisplayName("A message longer than 2 000 characters is a 413 that names the message")
  void messageTooLong() {
    TestUser ada = service.auth.user("ada");
    JsonObject body = new JsonObject().put("messages", new JsonArray()
      .add(Samples.message(ada, "short", AT)).add(Samples.message(ada, "w".repeat(2_001), AT)));
    HttpResponse<Buffer> r = put(UUID.randomUUID().toString(), body);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("detail")).startsWith("Message 1 has 2001 characters");
  }

  @Test
  @DisplayName("A message holding a NUL character or an unpaired surrogate is a 400 that names it and stores nothing")
  void unstorableText() {
    TestUser ada = service.auth.user("ada");
    String sessionId = UUID.randomUUID().toString();
    for (String text : new String[]{"a\u0000b", "half \ud83d"}) {
      JsonObject body = new JsonObject().put("messages", new JsonArray().add(Samples.message(ada, text, AT)));
      HttpResponse<Buffer> r = put(sessionId, body);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("messages");
    }
    assertThat(service.count("SELECT count(*) FROM transcripts WHERE session_id = $1", UUID.fromString(sessionId))).isZero();
  }

  @Test
  @DisplayName("A malformed transcript or session id is a 400 with a detail")
  void malformed() {
    TestUser ada = service.auth.user("ada");
    String sessionId = UUID.randomUUID().toString();
    JsonObject noAuthor = new JsonObject().put("messages", new JsonArray().add(Samples.message(ada, "hi", AT).put("user", "ada")));
    JsonObject badTime = new JsonObject().put("messages", new JsonArray().add(Samples.message(ada, "hi", AT).put("at", "noon")));
    assertThat(put(sessionId, noAuthor).bodyAsJsonObject().getString("detail")).contains("'messages[0].user' must be a UUID");
    assertThat(put(sessionId, badTime).bodyAsJsonObject().getString("detail")).contains("'messages[0].at'");
    assertThat(put(sessionId, new JsonObject()).bodyAsJsonObject().getString("detail")).contains("'messages' is required");
    HttpResponse<Buffer> badId = put("session-1", chat(ada, ada));
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badId.bodyAsJsonObject().getString("detail")).contains("session-1");
    assertThat(service.count("SELECT count(*) FROM transcripts WHERE session_id = $1", UUID.fromString(sessionId))).isZero();
  }

  @Test
  @DisplayName("Putting a transcript without the right service credential is a 403")
  void needsCredential() {
    TestUser ada = service.auth.user("ada");
    String path = "/internal/attempts/" + UUID.randomUUID() + "/transcript";
    assertThat(await(service.request(HttpMethod.PUT, path).sendJsonObject(chat(ada, ada))).statusCode()).isEqualTo(403);
    assertThat(await(service.request(HttpMethod.PUT, path).putHeader("X-Internal-Token", "nope")
      .sendJsonObject(chat(ada, ada))).statusCode()).isEqualTo(403);
  }
}
