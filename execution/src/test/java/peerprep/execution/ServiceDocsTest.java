package peerprep.execution;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.http.OpenApi;
import peerprep.common.testing.ServiceFixture;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceDocsTest {
  @RegisterExtension
  static final ServiceFixture<ExecutionVerticle> fixture = TestService.fixture(new JsonObject().put("EXECUTION_MAX_SOURCE_CHARS", 1000).put("EXECUTION_MAX_STDIN_BYTES", 100))
    .assuming(TestService::assumeBubblewrap);
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String detail) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(detail);
  }

  @Test
  @DisplayName("The document served is the one the routes are built from")
  void servedDocumentIsTheContract() {
    assertThat(service.get("/openapi.json").bodyAsJsonObject()).isEqualTo(OpenApi.load("openapi/execution.json"));
  }

  @Test
  @DisplayName("The OpenAPI document and the languages are served at the root and under the public prefix")
  void served() {
    for (String prefix : new String[]{"", "/execution-service-api"}) {
      assertThat(service.get(prefix + "/openapi.json").bodyAsJsonObject().getJsonObject("paths").fieldNames()).contains("/internal/runs");
      JsonObject languages = service.get(prefix + "/languages").bodyAsJsonObject();
      assertThat(languages.getJsonArray("languages").stream().map(l -> ((JsonObject) l).getString("id")))
        .containsExactly("python", "java", "javascript", "cpp");
      assertThat(languages.getJsonObject("limits").getInteger("cpuSeconds")).isEqualTo(5);
    }
  }

  @Test
  @DisplayName("The run route is not reachable under the public prefix")
  void internalNotPublic() {
    assertProblem(service.post("/execution-service-api/internal/runs", new JsonObject().put("language", "python").put("code", "print(1)")),
      404, "");
  }

  @Test
  @DisplayName("Health is 200 and reports the queue")
  void health() {
    HttpResponse<Buffer> r = service.get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
  }

  @Test
  @DisplayName("An unknown language is a 400 that lists the languages")
  void unknownLanguage() {
    assertProblem(service.post("/internal/runs", new JsonObject().put("language", "cobol").put("code", "x")), 400,
      "'language' must be one of \"python\", \"java\", \"javascript\" or \"cpp\"");
  }

  @Test
  @DisplayName("Missing code is a 400, code over its cap and stdin over its cap are 413s")
  void caps() {
    assertProblem(service.post("/internal/runs", new JsonObject().put("language", "python")), 400, "'code' is required");
    assertProblem(service.post("/internal/runs", new JsonObject().put("language", "python").put("code", "#".repeat(1001))), 413,
      "at most 1000 characters");
    assertProblem(service.post("/internal/runs", new JsonObject().put("language", "python").put("code", "print(1)")
      .put("stdin", "x".repeat(101))), 413, "at most 100 bytes");
  }

  @Test
  @DisplayName("A null or absent stdin is no input, blank code is a 400, and unknown fields are ignored")
  void permissiveFields() {
    HttpResponse<Buffer> run = service.post("/internal/runs", new JsonObject().put("language", "python").put("code", "print(2)")
      .putNull("stdin").put("note", "ignored"));
    assertThat(run.statusCode()).isEqualTo(200);
    assertThat(run.bodyAsJsonObject().getString("stdout")).isEqualTo("2\n");
    assertProblem(service.post("/internal/runs", new JsonObject().put("language", "python").put("code", " \n ")), 400, "nothing to run");
  }

  @Test
  @DisplayName("Code with a NUL character is a 400 naming where it is")
  void nul() {
    assertProblem(service.post("/internal/runs", new JsonObject().put("language", "python").put("code", "print(1)\u0000")), 400, "code");
  }

  @Test
  @DisplayName("A body that is not JSON is a 400")
  void notJson() {
    HttpResponse<Buffer> r = TestService.await(service.client.post("/internal/runs").putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer("{nope")));
    assertProblem(r, 400, "not valid JSON");
  }
}
