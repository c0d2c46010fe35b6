package peerprep.matching;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.http.OpenApi;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;
import static peerprep.matching.Harness.expect;
import static peerprep.matching.Harness.topic;

class MatchRestTest {
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(1, new JsonObject()
    .put("MATCH_RELAX_AFTER_MS", 60_000).put("MATCH_TIMEOUT_MS", 60_000)
    .put("MATCH_DISCONNECT_GRACE_MS", 5_000).put("MATCH_SWEEP_INTERVAL_MS", 100));
  private static Harness h;

  @BeforeAll
  static void start() {
    h = Harness.over(SERVICE);
  }

  private static JsonObject body(String topic, String difficulty) {
    return new JsonObject().put("topic", topic).put("difficulty", difficulty);
  }

  private static void assertProblem(HttpResponse<Buffer> res, int status, String detailPart) {
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(status);
    assertThat(res.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(res.bodyAsJsonObject().getString("detail")).contains(detailPart);
  }

  @Test
  @DisplayName("GET /openapi.json serves the document the routes are built from")
  void openApiServed() {
    assertThat(h.call(0, HttpMethod.GET, "/openapi.json", null, null).bodyAsJsonObject())
      .isEqualTo(OpenApi.load("openapi/matching.json"));
  }

  @Test
  @DisplayName("POST /match/requests queues the user, and a second user's POST pairs them at once")
  void restEnqueue() {
    String topic = topic();
    TestUser ada = h.user("ada");
    HttpResponse<Buffer> first = h.call(0, HttpMethod.POST, "/match/requests", ada,
      body(topic, "easy").put("language", "Python"));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.getHeader("Location")).isEqualTo("/match/requests/me");
    JsonObject view = first.bodyAsJsonObject();
    assertThat(view.getString("state")).isEqualTo("waiting");
    assertThat(view.getString("difficulty")).isEqualTo("Easy");
    assertThat(view.getString("language")).isEqualTo("python");
    assertThat(view.getInteger("waiting")).isEqualTo(1);
    assertThat(view.getInteger("position")).isEqualTo(1);

    WsClient adaSocket = h.connect(0, ada);
    assertThat(expect(adaSocket, "queued").getString("requestId")).isEqualTo(view.getString("requestId"));
    HttpResponse<Buffer> second = h.call(0, HttpMethod.POST, "/match/requests", h.user("linus"), body(topic, "Easy"));
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.bodyAsJsonObject().getString("state")).isIn("matching", "matched");
    JsonObject matched = expect(adaSocket, "matched");
    assertThat(matched.getString("language")).isEqualTo("python");
  }

  @Test
  @DisplayName("POST /match/requests with bad input is a 400 problem with a detail, and nothing is queued")
  void restBadInput() {
    TestUser u = h.user("mallory");
    assertProblem(h.call(0, HttpMethod.POST, "/match/requests", u, new JsonObject().put("difficulty", "Easy")), 400, "'topic'");
    assertProblem(h.call(0, HttpMethod.POST, "/match/requests", u, body("arrays", "Extreme")), 400,
      "The field 'difficulty' must be one of Easy, Medium, Hard (in any case), not 'Extreme'.");
    assertProblem(h.call(0, HttpMethod.POST, "/match/requests", u, body("arrays", "Easy").put("language", "perl")), 400,
      "The field 'language' must be one of python, java, javascript, cpp (in any case), or blank for any language, not 'perl'.");
    assertProblem(h.call(0, HttpMethod.POST, "/match/requests", u, body("Arrays and more", "Easy")), 400,
      "The field 'topic' must be a topic slug such as 'arrays' or 'dynamic-programming'");
    var raw = await(h.http.post(h.port(0), "127.0.0.1", "/match/requests").putHeader("Authorization", u.bearer())
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{oops")));
    assertProblem(raw, 400, "not valid JSON");
    for (String odd : new String[]{"null", "\"arrays\"", " "}) {
      var res = await(h.http.post(h.port(0), "127.0.0.1", "/match/requests").putHeader("Authorization", u.bearer())
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(odd)));
      assertProblem(res, 400, "request");
    }
    assertProblem(h.call(0, HttpMethod.GET, "/match/requests/me", u, null), 404, "no match request");
  }

  @Test
  @DisplayName("POST /match/requests trims its fields, reads difficulty and language in any case, and ignores unknown fields")
  void restLenientInput() {
    String topic = topic();
    JsonObject lenient = body("  " + topic + " ", " hARD ").put("language", " Java ").put("rematchOf", (String) null)
      .put("type", "request");
    HttpResponse<Buffer> res = h.call(0, HttpMethod.POST, "/match/requests", h.user("lenient"), lenient);
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    JsonObject view = res.bodyAsJsonObject();
    assertThat(view.getString("topic")).isEqualTo(topic);
    assertThat(view.getString("difficulty")).isEqualTo("Hard");
    assertThat(view.getString("language")).isEqualTo("java");
    HttpResponse<Buffer> blank = h.call(0, HttpMethod.POST, "/match/requests", h.user("anylang"),
      body(topic + "-b", "Easy").put("language", "  "));
    assertThat(blank.statusCode()).as(blank.bodyAsString()).isEqualTo(201);
    assertThat(blank.bodyAsJsonObject().getString("language")).isNull();
  }

  @Test
  @DisplayName("POST /match/requests refuses a topic longer than 64 characters once trimmed, and a rematchOf in upper case")
  void restTrimmedLimits() {
    TestUser u = h.user("limits");
    assertProblem(h.call(0, HttpMethod.POST, "/match/requests", u, body(" " + "a".repeat(65) + " ", "Easy")), 400,
      "at most 64 characters");
    assertThat(h.call(0, HttpMethod.POST, "/match/requests", u, body(" " + "a".repeat(64) + " ", "Easy")).statusCode())
      .isEqualTo(201);
    assertProblem(h.call(0, HttpMethod.POST, "/match/requests", u, body(topic(), "Easy")
      .put("rematchOf", "3FA85F64-5717-4562-B3FC-2C963F66AFA6")), 400, "The field 'rematchOf' must be an id in lower case such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, not '3FA85F64-5717-4562-B3FC-2C963F66AFA6'.");
  }

  @Test
  @DisplayName("Every route refuses a caller without a valid token with 401")
  void restUnauthenticated() {
    assertThat(h.call(0, HttpMethod.POST, "/match/requests", null, body("arrays", "Easy")).statusCode()).isEqualTo(401);
    assertThat(h.call(0, HttpMethod.GET, "/match/requests/me", null, null).statusCode()).isEqualTo(401);
    assertThat(h.call(0, HttpMethod.DELETE, "/match/requests/me", null, null).statusCode()).isEqualTo(401);
    assertThat(h.call(0, HttpMethod.GET, "/match/stats", null, null).statusCode()).isEqualTo(401);
    var forged = await(h.http.get(h.port(0), "127.0.0.1", "/match/stats").putHeader("Authorization", "Bearer a.b.c").send());
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("GET /match/requests/me shows my request; DELETE cancels it (204), and a second DELETE is a 404")
  void restCancel() {
    String topic = topic();
    TestUser u = h.user("carol");
    String id = h.call(0, HttpMethod.POST, "/match/requests", u, body(topic, "Hard")).bodyAsJsonObject().getString("requestId");
    JsonObject mine = h.call(0, HttpMethod.GET, "/match/requests/me", u, null).bodyAsJsonObject();
    assertThat(mine.getString("requestId")).isEqualTo(id);
    assertThat(mine.getString("state")).isEqualTo("waiting");
    assertThat(mine.getString("timeoutAt")).isGreaterThan(mine.getString("enqueuedAt"));

    WsClient tab = h.connect(0, u);
    expect(tab, "queued");
    assertThat(h.call(0, HttpMethod.DELETE, "/match/requests/me", u, null).statusCode()).isEqualTo(204);
    assertThat(expect(tab, "cancelled").getString("requestId")).isEqualTo(id);
    assertThat(h.call(0, HttpMethod.GET, "/match/requests/me", u, null).bodyAsJsonObject().getString("state"))
      .isEqualTo("cancelled");
    assertProblem(h.call(0, HttpMethod.DELETE, "/match/requests/me", u, null), 404, "no waiting match request");
  }

  @Test
  @DisplayName("GET /match/stats counts the waiting users per topic and difficulty, also under the public prefix")
  void stats() {
    String topic = topic();
    h.call(0, HttpMethod.POST, "/match/requests", h.user("u1"), body(topic, "Easy"));
    h.call(0, HttpMethod.POST, "/match/requests", h.user("u2"), body(topic, "Hard"));
    h.call(0, HttpMethod.POST, "/match/requests", h.user("u3"), body(topic + "-x", "Hard"));
    JsonObject stats = h.call(0, HttpMethod.GET, "/matching-service-api/match/stats", h.user("viewer"), null).bodyAsJsonObject();
    JsonArray queues = stats.getJsonArray("queues");
    assertThat(queues.getList()).contains(
      new JsonObject().put("topic", topic).put("difficulty", "Easy").put("waiting", 1).getMap(),
      new JsonObject().put("topic", topic).put("difficulty", "Hard").put("waiting", 1).getMap(),
      new JsonObject().put("topic", topic + "-x").put("difficulty", "Hard").put("waiting", 1).getMap());
    assertThat(stats.getLong("total")).isGreaterThanOrEqualTo(3);
  }

  @Test
  @DisplayName("GET /health is 200 with PostgreSQL, Redis and the task's subscription up")
  void health() {
    HttpResponse<Buffer> res = h.call(0, HttpMethod.GET, "/health", null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.bodyAsJsonObject().getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
      .containsExactlyInAnyOrder("postgres", "redis", "redis-subscription");
  }

  @Test
  @DisplayName("GET /match/ws without a WebSocket upgrade is a 426 problem")
  void wsWithoutUpgrade() {
    assertProblem(h.call(0, HttpMethod.GET, "/match/ws", h.user("plain"), null), 426, "WebSocket");
  }
}
