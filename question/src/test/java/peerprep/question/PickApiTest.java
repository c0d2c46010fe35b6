package peerprep.question;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Auth;
import peerprep.common.testing.TestEnv;
import peerprep.common.testing.ServiceFixture;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.question.Fixtures.assertProblem;
import static peerprep.question.Fixtures.question;

class PickApiTest {
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture()
    .truncating(TestService.TABLES);
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  private static HttpResponse<Buffer> pick(String topic, String difficulty, List<String> excluded) {
    JsonObject body = new JsonObject().put("topic", topic).put("difficulty", difficulty).put("excludeIds", new JsonArray(excluded));
    return pick(body, TestEnv.INTERNAL_TOKEN);
  }

  private static HttpResponse<Buffer> pick(JsonObject body, String credential) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    if (credential != null) {
      headers.add(Auth.INTERNAL_HEADER, credential);
    }
    return service.raw(HttpMethod.POST, "/internal/questions/pick", null, headers, body.toBuffer());
  }

  private static String id(JsonObject question) {
    return question.getString("id");
  }

  @Test
  @DisplayName("The pick returns a full question of the topic and difficulty, not relaxed")
  void picks() {
    JsonObject wanted = service.create(question("Island Counter", "Medium", "graphs", "arrays"));
    service.create(question("Courier Route Planner", "Hard", "graphs"));
    service.create(question("Anagram Groups", "Medium", "strings"));
    HttpResponse<Buffer> response = pick("graphs", "Medium", List.of());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getBoolean("relaxed")).isFalse();
    assertThat(body.getJsonObject("question")).isEqualTo(service.get("/questions/" + id(wanted), service.user).bodyAsJsonObject());
  }

  @Test
  @DisplayName("Repeated picks never return an excluded question and reach every other one")
  void honoursExclusions() {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(id(service.create(question("Graph puzzle " + i, "Easy", "graphs"))));
    }
    spreadPickKeys();
    List<String> excluded = ids.subList(0, 2);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      JsonObject body = pick("graphs", "Easy", excluded).bodyAsJsonObject();
      assertThat(body.getBoolean("relaxed")).isFalse();
      seen.add(id(body.getJsonObject("question")));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids.subList(2, 6));
  }

  /** Evenly spaced keys make every question equally likely, so the test above cannot miss one by chance. */
  private static void spreadPickKeys() {
    TestService.await(service.db.query("UPDATE question_topics SET pick_key = r.k FROM (SELECT question_id, topic,"
      + " (row_number() OVER (ORDER BY question_id) - 0.5) / count(*) OVER () AS k FROM question_topics) r"
      + " WHERE question_topics.question_id = r.question_id AND question_topics.topic = r.topic").execute());
  }

  @Test
  @DisplayName("When every question of the difficulty is excluded, the pick takes another difficulty of the topic and says relaxed")
  void relaxesDifficulty() {
    String easy = id(service.create(question("Tree Height", "Easy", "trees")));
    String hard = id(service.create(question("Tree Diameter Under Updates", "Hard", "trees")));
    service.create(question("Unrelated Medium", "Medium", "strings"));
    JsonObject body = pick("trees", "Easy", List.of(easy)).bodyAsJsonObject();
    assertThat(body.getBoolean("relaxed")).isTrue();
    assertThat(id(body.getJsonObject("question"))).isEqualTo(hard);
    assertThat(body.getJsonObject("question").getString("difficulty")).isEqualTo("Hard");
  }

  @Test
  @DisplayName("A relaxed pick prefers the nearest difficulty: Medium before Hard for an Easy request")
  void relaxesToNearest() {
    String easy = id(service.create(question("Tree Height", "Easy", "trees")));
    String medium = id(service.create(question("Tree Paths", "Medium", "trees")));
    service.create(question("Tree Diameter", "Hard", "trees"));
    for (int i = 0; i < 5; i++) {
      JsonObject body = pick("trees", "Easy", List.of(easy)).bodyAsJsonObject();
      assertThat(body.getBoolean("relaxed")).isTrue();
      assertThat(id(body.getJsonObject("question"))).isEqualTo(medium);
    }
  }

  @Test
  @DisplayName("A difficulty the topic lacks is relaxed to one it has")
  void relaxesMissingDifficulty() {
    String medium = id(service.create(question("Tree Paths", "Medium", "trees")));
    JsonObject body = pick("trees", "Hard", List.of()).bodyAsJsonObject();
    assertThat(body.getBoolean("relaxed")).isTrue();
    assertThat(id(body.getJsonObject("question"))).isEqualTo(medium);
  }

  @Test
  @DisplayName("When the pair has seen the whole topic, the pick repeats a question of the asked difficulty, not relaxed")
  void repeatsWhenTopicExhausted() {
    String easy = id(service.create(question("Tree Height", "Easy", "trees")));
    String hard = id(service.create(question("Tree Diameter", "Hard", "trees")));
    JsonObject body = pick("trees", "Easy", List.of(easy, hard)).bodyAsJsonObject();
    assertThat(body.getBoolean("relaxed")).isFalse();
    assertThat(id(body.getJsonObject("question"))).isEqualTo(easy);
  }

  @Test
  @DisplayName("Excluded ids that are not UUIDs exclude nothing and are no error")
  void opaqueExcludedIds() {
    String only = id(service.create(question("Tree Height", "Easy", "trees")));
    HttpResponse<Buffer> response = pick("trees", "Easy", List.of("legacy-42", ""));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(id(response.bodyAsJsonObject().getJsonObject("question"))).isEqualTo(only);
  }

  @Test
  @DisplayName("An unknown topic is a 404, and so is a known topic without questions; a topic with a NUL is a 400")
  void unknownOrEmptyTopic() {
    service.create(question("Tree Height", "Easy", "trees"));
    assertProblem(pick("astrology", "Easy", List.of()), 404, "no topic 'astrology'");
    assertProblem(pick("greedy", "Easy", List.of()), 404, "'greedy' has no questions");
    assertProblem(pick("Trees\u0000", "Easy", List.of()), 400, "'topic' contains a NUL");
    assertProblem(pick("t".repeat(500), "Easy", List.of()), 404, "no topic");
  }

  @Test
  @DisplayName("A missing topic, a bad difficulty or a malformed body is a 400")
  void badRequests() {
    assertProblem(pick(new JsonObject().put("difficulty", "Easy"), TestEnv.INTERNAL_TOKEN), 400, "'topic' is required");
    assertProblem(pick(new JsonObject().put("topic", "trees").put("difficulty", "Brutal"), TestEnv.INTERNAL_TOKEN), 400, "'difficulty' must be one of");
    assertProblem(pick(new JsonObject().put("topic", "trees"), TestEnv.INTERNAL_TOKEN), 400, "'difficulty' is required");
    assertProblem(pick(new JsonObject().put("topic", "trees").put("difficulty", "Easy").put("excludeIds", "abc"),
      TestEnv.INTERNAL_TOKEN), 400, "'excludeIds' must be an array");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);
    assertProblem(service.raw(HttpMethod.POST, "/internal/questions/pick", null, headers, Buffer.buffer("{topic")), 400, "not valid JSON");
  }

  @Test
  @DisplayName("Without the service credential, or with a wrong one, the pick is a 403")
  void needsCredential() {
    service.create(question("Tree Height", "Easy", "trees"));
    JsonObject body = new JsonObject().put("topic", "trees").put("difficulty", "Easy");
    assertProblem(pick(body, null), 403, "PeerPrep services only");
    assertProblem(pick(body, "guess"), 403, "PeerPrep services only");
  }

  @Test
  @DisplayName("The pick is not served under the public prefix that the load balancer forwards")
  void notUnderPublicPrefix() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);
    HttpResponse<Buffer> response = service.raw(HttpMethod.POST, "/question-service-api/internal/questions/pick", null, headers,
      new JsonObject().put("topic", "trees").put("difficulty", "Easy").toBuffer());
    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("An update that moves a question to another difficulty moves it in the pick too")
  void pickFollowsUpdates() {
    JsonObject q = service.create(question("Tree Height", "Easy", "trees"));
    service.put("/questions/" + id(q), service.admin, question("Tree Height", "Hard", "graphs"), "\"1\"");
    assertProblem(pick("trees", "Easy", List.of()), 404, "'trees' has no questions");
    JsonObject body = pick("graphs", "Hard", List.of()).bodyAsJsonObject();
    assertThat(body.getBoolean("relaxed")).isFalse();
    assertThat(id(body.getJsonObject("question"))).isEqualTo(id(q));
  }
}
