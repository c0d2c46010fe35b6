package peerprep.question;

import io.vertx.core.buffer.Buffer;
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
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture();
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  @Test
  @DisplayName("The document served is the one the routes were built from")
  void routesMatchTheDocument() {
    assertThat(service.get("/openapi.json", null).bodyAsJsonObject()).isEqualTo(OpenApi.load("openapi/question.json"));
  }

  @Test
  @DisplayName("The OpenAPI document is served at the root and under the public prefix")
  void documentIsServed() {
    for (String path : new String[]{"/openapi.json", "/question-service-api/openapi.json"}) {
      HttpResponse<Buffer> response = service.get(path, null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getJsonObject("paths").fieldNames()).contains("/questions", "/internal/questions/pick");
    }
  }

  @Test
  @DisplayName("Health is 200 while PostgreSQL answers")
  void healthIsUp() {
    HttpResponse<Buffer> response = service.get("/health", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
  }

  @Test
  @DisplayName("An unknown path is a 404 problem")
  void unknownPath() {
    Fixtures.assertProblem(service.get("/nothing-here", service.user), 404, "No resource");
  }
}
