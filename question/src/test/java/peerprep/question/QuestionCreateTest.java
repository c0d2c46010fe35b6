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
import peerprep.common.testing.ServiceFixture;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.question.Fixtures.assertProblem;
import static peerprep.question.Fixtures.question;

class QuestionCreateTest {
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture()
    .config(new JsonObject().put("IMAGE_MAX_BYTES", QuestionConfig.DEFAULT_IMAGE_MAX_BYTES))
    .truncating(TestService.TABLES);
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  @Test
  @DisplayName("An admin creates a question and gets 201, its Location, version 1 and a slug from the title")
  void create() {
    HttpResponse<Buffer> response = service.post("/questions", service.admin, question("Parcel Pair For The Van", "Easy", "arrays", "hashing"));
    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject created = response.bodyAsJsonObject();
    assertThat(response.getHeader("Location")).isEqualTo("/question-service-api/questions/" + created.getString("id"));
    assertThat(response.getHeader("ETag")).isEqualTo("\"1\"");
    assertThat(created.getInteger("version")).isEqualTo(1);
    assertThat(created.getString("slug")).isEqualTo("parcel-pair-for-the-van");
    assertThat(created.getJsonArray("topics")).containsExactly("arrays", "hashing");
    assertThat(created.getJsonObject("starterCode").fieldNames()).containsExactlyInAnyOrder("python", "java");
    assertThat(created.getString("createdAt")).isEqualTo(created.getString("updatedAt"));

    JsonObject read = service.get("/questions/" + created.getString("id"), service.user).bodyAsJsonObject();
    assertThat(read).isEqualTo(created);
  }

  @Test
  @DisplayName("A second question whose title makes the same slug gets a distinct slug")
  void derivedSlugCollision() {
    JsonObject first = service.create(question("Rotate the ring!", "Easy", "arrays"));
    JsonObject second = service.create(question("Rotate the ring?", "Easy", "arrays"));
    assertThat(first.getString("slug")).isEqualTo("rotate-the-ring");
    assertThat(second.getString("slug")).startsWith("rotate-the-ring-").isNotEqualTo(first.getString("slug"));
  }

  @Test
  @DisplayName("Creating a question with a slug that is taken is a 409")
  void chosenSlugTaken() {
    service.create(question("Rotate the ring", "Easy", "arrays").put("slug", "ring"));
    assertProblem(service.post("/questions", service.admin, question("Another ring", "Easy", "arrays").put("slug", "ring")), 409, "slug 'ring'");
  }

  @Test
  @DisplayName("Creating a question whose title differs from another only in case is a 409")
  void duplicateTitleOnCreate() {
    service.create(question("Parcel Pair", "Easy", "arrays"));
    assertProblem(service.post("/questions", service.admin, question("PARCEL pair", "Medium", "graphs")), 409, "already titled");
    assertThat(service.get("/questions", service.user).bodyAsJsonObject().getLong("total")).isEqualTo(1);
  }

  @Test
  @DisplayName("Creating a question without a title is a 400 that names the field")
  void missingTitle() {
    JsonObject body = question("x", "Easy", "arrays");
    body.remove("title");
    JsonObject problem = assertProblem(service.post("/questions", service.admin, body), 400, "'title' is required");
    assertThat(problem.getString("field")).isEqualTo("title");
  }

  @Test
  @DisplayName("Invalid fields are 400 problems that name the field")
  void invalidFields() {
    record Case(JsonObject body, String field, String detail) {
    }
    String longCode = "x".repeat(10_001);
    JsonArray elevenHints = new JsonArray();
    JsonArray elevenExamples = new JsonArray();
    for (int i = 0; i < 11; i++) {
      elevenHints.add("hint " + i);
      elevenExamples.add(new JsonObject().put("input", "a").put("output", "b"));
    }
    List<Case> cases = List.of(
      new Case(question("ab", "Easy", "arrays"), "title", "at least 3"),
      new Case(question("t".repeat(121), "Easy", "arrays"), "title", "at most 120"),
      new Case(question("Long text", "Easy", "arrays").put("description", "d".repeat(20_001)), "description", "at most 20000"),
      new Case(question("Blank text", "Easy", "arrays").put("description", "   "), "description", "required"),
      new Case(question("No topics", "Easy"), "topics", "'topics' must hold at least 1 item"),
      new Case(question("Six topics", "Easy", "arrays", "strings", "hashing", "trees", "graphs", "greedy"), "topics", "at most 5"),
      new Case(question("Shouting topic", "Easy", "Arrays"), "topics[0]", "'topics[0]' must be a topic slug such as 'arrays' or 'dynamic-programming' (lower-case letters, digits and single hyphens), not 'Arrays'"),
      new Case(question("Unknown topic", "Easy", "astrology"), "topics", "Unknown topic astrology"),
      new Case(question("Odd difficulty", "Extreme", "arrays"), "difficulty", "'difficulty' must be one of"),
      new Case(question("No difficulty", "Easy", "arrays").putNull("difficulty"), "difficulty", "required"),
      new Case(question("Eleven hints", "Easy", "arrays").put("hints", elevenHints), "hints", "at most 10"),
      new Case(question("Eleven examples", "Easy", "arrays").put("examples", elevenExamples), "examples", "at most 10"),
      new Case(question("Bad example", "Easy", "arrays").put("examples", new JsonArray().add(new JsonObject().put("input", "1"))),
        "examples[0].output", "required"),
      new Case(question("Ruby code", "Easy", "arrays").put("starterCode", new JsonObject().put("ruby", "def x; end")),
        "starterCode.ruby", "'starterCode.ruby' is not accepted here"),
      new Case(question("Long code", "Easy", "arrays").put("starterCode", new JsonObject().put("cpp", longCode)),
        "starterCode.cpp", "at most 10000"),
      new Case(question("Number hint", "Easy", "arrays").put("hints", new JsonArray().add(3)), "hints[0]", "'hints[0]' must be a string"),
      new Case(question("Nul text", "Easy", "arrays").put("description", "a\u0000b"), "description", "NUL character"),
      new Case(question("Nul code", "Easy", "arrays").put("starterCode", new JsonObject().put("java", "x\u0000")),
        "starterCode.java", "NUL character"));
    for (Case c : cases) {
      JsonObject problem = assertProblem(service.post("/questions", service.admin, c.body()), 400, c.detail());
      assertThat(problem.getString("field")).as(c.detail()).isEqualTo(c.field());
    }
    assertThat(service.get("/questions", service.user).bodyAsJsonObject().getLong("total")).isZero();
  }

  @Test
  @DisplayName("A body that is not a JSON object is a 400")
  void malformedBodies() {
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    assertProblem(service.raw(HttpMethod.POST, "/questions", service.admin, json, Buffer.buffer("{\"title\": ")), 400, "not valid JSON");
    assertProblem(service.raw(HttpMethod.POST, "/questions", service.admin, json, Buffer.buffer("[1, 2]")), 400, "must be a JSON object");
    assertProblem(service.raw(HttpMethod.POST, "/questions", service.admin, json, Buffer.buffer("")), 400, "needs a JSON object");
    assertProblem(service.post("/questions", service.admin, new JsonObject().put("title", 42)), 400, "must be a string");
  }

  @Test
  @DisplayName("A question body over 256 KiB is a 413, though the router reads bodies as large as an image")
  void oversizedBody() {
    JsonObject body = question("Huge", "Easy", "arrays").put("padding", "p".repeat(300 * 1024));
    assertProblem(service.post("/questions", service.admin, body), 413, "256 KiB");
  }

  @Test
  @DisplayName("Signed-in users who are not admins get 403 on every write")
  void nonAdminForbidden() {
    JsonObject existing = service.create(question("Parcel Pair", "Easy", "arrays"));
    String path = "/questions/" + existing.getString("id");
    assertProblem(service.post("/questions", service.user, question("Mine", "Easy", "arrays")), 403, "admin");
    assertProblem(service.put(path, service.user, question("Mine", "Easy", "arrays"), "\"1\""), 403, "admin");
    assertProblem(service.delete(path, service.user), 403, "admin");
    assertThat(service.get(path, service.user).bodyAsJsonObject().getString("title")).isEqualTo("Parcel Pair");
  }

  @Test
  @DisplayName("Writes without a token, or with a forged one, are 401")
  void noToken() {
    assertProblem(service.post("/questions", null, question("Mine", "Easy", "arrays")), 401, "Sign in");
    assertProblem(service.delete("/questions/" + java.util.UUID.randomUUID(), null), 401, "Sign in");
    String forged = service.admin.token().substring(0, service.admin.token().lastIndexOf('.') + 1) + "AAAA";
    HttpResponse<Buffer> response = TestService.await(service.request(HttpMethod.POST, "/questions", null)
      .putHeader("Authorization", "Bearer " + forged).sendJsonObject(question("Mine", "Easy", "arrays")));
    assertThat(response.statusCode()).isEqualTo(401);
  }
}
