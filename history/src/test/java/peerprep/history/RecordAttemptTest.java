package peerprep.history;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.ServiceFixture;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.history.HistoryService.await;

class RecordAttemptTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static HistoryService service;

  @BeforeAll
  static void deploy() {
    service = new HistoryService(fixture);
  }

  private static JsonObject freshAttempt() {
    return Samples.attempt(service.auth.user("ada"), service.auth.user("linus"));
  }

  @Test
  @DisplayName("Recording a finished session is a 201 with the stored record of both participants")
  void recordsAttempt() {
    JsonObject attempt = freshAttempt();
    HttpResponse<Buffer> r = await(service.postAttempt(attempt));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject stored = r.bodyAsJsonObject();
    assertThat(stored.getString("sessionId")).isEqualTo(attempt.getString("sessionId"));
    assertThat(stored.getJsonArray("participants")).isEqualTo(attempt.getJsonArray("participants"));
    assertThat(stored.getJsonObject("question")).isEqualTo(attempt.getJsonObject("question"));
    assertThat(stored.getString("code")).isEqualTo(Samples.CODE);
    assertThat(stored.getString("startedAt")).isEqualTo(attempt.getString("startedAt"));
    assertThat(stored.getLong("durationSeconds")).isEqualTo(25 * 60);
    assertThat(stored.getInteger("editCount")).isEqualTo(attempt.getJsonArray("edits").size());
    assertThat(service.count("SELECT count(*) FROM attempt_participants p JOIN attempts a USING (session_id) "
      + "WHERE a.session_id = $1", UUID.fromString(attempt.getString("sessionId")))).isEqualTo(2);
  }

  @Test
  @DisplayName("Posting the same session again is a 200 with the first record and stores nothing new")
  void repeatReturnsStored() {
    JsonObject attempt = freshAttempt();
    service.record(attempt);
    JsonObject changed = attempt.copy().put("code", "print('a different ending')");
    HttpResponse<Buffer> r = await(service.postAttempt(changed));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo(Samples.CODE);
    assertThat(service.attemptRows(attempt.getString("sessionId"))).isEqualTo(1);
  }

  @Test
  @DisplayName("Twenty identical posts at once make exactly one 201, nineteen 200s and one stored attempt")
  void concurrentDuplicates() {
    JsonObject attempt = freshAttempt();
    List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      posts.add(service.postAttempt(attempt));
    }
    await(Future.join(posts));
    List<Integer> codes = posts.stream().map(f -> f.result().statusCode()).toList();
    assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
    assertThat(codes).filteredOn(c -> c == 200).hasSize(19);
    assertThat(posts).allSatisfy(f -> assertThat(f.result().bodyAsJsonObject().getString("code")).isEqualTo(Samples.CODE));
    assertThat(service.attemptRows(attempt.getString("sessionId"))).isEqualTo(1);
    assertThat(service.count("SELECT count(*) FROM attempt_participants WHERE session_id = $1",
      UUID.fromString(attempt.getString("sessionId")))).isEqualTo(2);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
      bad("a missing session id", a -> a.remove("sessionId"), "'sessionId' is required"),
      bad("a session id that is not a UUID", a -> a.put("sessionId", "42"), "'sessionId' must be a UUID"),
      bad("a 35-character session id UUID.fromString would accept", a -> a.put("sessionId", UUID.randomUUID().toString().substring(1)),
        "'sessionId' must be a UUID"),
      bad("one participant", a -> a.getJsonArray("participants").remove(1), "'participants' must hold"),
      bad("three participants", a -> a.getJsonArray("participants").add(a.getJsonArray("participants").getJsonObject(0).copy()
        .put("id", UUID.randomUUID().toString())), "'participants' must hold"),
      bad("the same user twice", a -> a.getJsonArray("participants").set(1, a.getJsonArray("participants").getJsonObject(0)),
        "different users"),
      bad("a participant without a name", a -> a.getJsonArray("participants").getJsonObject(1).remove("username"),
        "'participants[1].username' is required"),
      bad("a participant id of the wrong type", a -> a.getJsonArray("participants").getJsonObject(0).put("id", 7),
        "'participants[0].id' must be a string"),
      bad("a bad difficulty", a -> a.getJsonObject("question").put("difficulty", "Impossible"),
        "'question.difficulty' must be one of"),
      bad("topics that are not strings", a -> a.getJsonObject("question").put("topics", new JsonArray().add(3)),
        "'question.topics[0]'"),
      bad("a missing question", a -> a.remove("question"), "'question' is required"),
      bad("code that is a number", a -> a.put("code", 12), "'code' must be a string"),
      bad("an end before the start", a -> a.put("endedAt", "2025-12-31T23:00:00Z"), "is before 'startedAt'"),
      bad("a start that is not a date", a -> a.put("startedAt", "yesterday"), "'startedAt' must be a date and time"),
      bad("an unknown end reason", a -> a.put("endReason", "crashed"), "'endReason' must be"),
      bad("edits that are not an array", a -> a.put("edits", "none"), "'edits' must be an array"),
      bad("edits out of version order", a -> a.getJsonArray("edits").getJsonObject(3).put("v", 1), "in order of version"),
      bad("an edit without changes", a -> a.getJsonArray("edits").getJsonObject(0).remove("changes"),
        "'edits[0].changes' is required"),
      bad("changes that are not 'edits[2].changes[0]'", a -> a.getJsonArray("edits").getJsonObject(2)
        .put("changes", new JsonArray().add("insert me")), "'edits[2].changes[0]'"));
  }

  private static Arguments bad(String what, Consumer<JsonObject> spoil, String detail) {
    return Arguments.of(what, spoil, detail);
  }

  @ParameterizedTest(name = "An attempt with {0} is a 400 with a detail and stores nothing")
  @MethodSource("malformed")
  @DisplayName("A malformed attempt is a 400 with a detail and stores nothing")
  void rejectsMalformed(String what, Consumer<JsonObject> spoil, String detail) {
    JsonObject attempt = freshAttempt();
    spoil.accept(attempt);
    long before = service.attemptRows();
    HttpResponse<Buffer> r = await(service.postAttempt(attempt));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(detail);
    assertThat(service.attemptRows()).isEqualTo(before);
  }

  @Test
  @DisplayName("Code holding a NUL character is a 400 that names the field and stores nothing")
  void rejectsNul() {
    JsonObject attempt = freshAttempt().put("code", "print(1)\u0000");
    long before = service.attemptRows();
    HttpResponse<Buffer> r = await(service.postAttempt(attempt));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("code");
    assertThat(service.attemptRows()).isEqualTo(before);
  }

  @Test
  @DisplayName("A body that is not JSON is a 400 and stores nothing")
  void rejectsNonJson() {
    long before = service.attemptRows();
    HttpResponse<Buffer> r = await(service.internal(HttpMethod.POST, "/internal/attempts")
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"sessionId\": ")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("not valid JSON");
    assertThat(service.attemptRows()).isEqualTo(before);
  }

  @Test
  @DisplayName("Code longer than 100 000 characters is a 413 that names the limit")
  void rejectsLongCode() {
    JsonObject attempt = freshAttempt().put("code", "x".repeat(100_001));
    HttpResponse<Buffer> r = await(service.postAttempt(attempt));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("100001").contains("100000");
    assertThat(service.attemptRows(attempt.getString("sessionId"))).isZero();
  }

  @Test
  @DisplayName("Code of exactly 100 000 characters is kept whole")
  void keepsCodeAtTheLimit() {
    JsonObject attempt = freshAttempt().put("code", "y".repeat(100_000));
    HttpResponse<Buffer> r = await(service.postAttempt(attempt));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("code")).hasSize(100_000);
  }

  @Test
  @DisplayName("An edit log of more than 20 000 entries is a 413 that names the limit")
  void rejectsLongLog() {
    TestUser a = service.auth.user("ada");
    TestUser b = service.auth.user("linus");
    JsonObject attempt = Samples.attempt(a, b);
    JsonArray edits = new JsonArray();
    for (int v = 1; v <= 20_001; v++) {
      edits.add(TypingLog.edit(v, 1_767_261_600_000L + v, a.id(), TypingLog.insertAt(v - 1, v - 1, "a")));
    }
    HttpResponse<Buffer> r = await(service.postAttempt(attempt.put("edits", edits)));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("20001").contains("20000");
    assertThat(service.attemptRows(attempt.getString("sessionId"))).isZero();
  }

  @Test
  @DisplayName("A body larger than 8 MiB is a 413 problem and stores nothing")
  void rejectsHugeBody() {
    long before = service.attemptRows();
    JsonObject attempt = freshAttempt().put("language", "z".repeat(8 * 1024 * 1024 + 1));
    HttpResponse<Buffer> r = await(service.postAttempt(attempt));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(service.attemptRows()).isEqualTo(before);
  }

  @Test
  @DisplayName("Recording without the service credential is a 403 and stores nothing")
  void needsCredential() {
    JsonObject attempt = freshAttempt();
    HttpResponse<Buffer> none = await(service.request(HttpMethod.POST, "/internal/attempts").sendJsonObject(attempt));
    HttpResponse<Buffer> wrong = await(service.request(HttpMethod.POST, "/internal/attempts")
      .putHeader("X-Internal-Token", "guess").sendJsonObject(attempt));
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(service.attemptRows(attempt.getString("sessionId"))).isZero();
  }

  @Test
  @DisplayName("The internal routes are not served under the public prefix")
  void internalNotUnderPrefix() {
    HttpResponse<Buffer> r = await(service.internal(HttpMethod.POST, "/history-service-api/internal/attempts")
      .sendJsonObject(freshAttempt()));
    assertThat(r.statusCode()).isEqualTo(404);
  }
}
