package peerprep.user;

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

@DisplayName("The OpenAPI document")
class OpenApiDocumentTest {
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture();
  private static ServiceUnderTest service;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
  }

  @Test
  @DisplayName("Served is the document the routes were built from")
  void documentsEveryRoute() {
    JsonObject doc = OpenApi.load("openapi/user.json");

    assertThat(service.get("/openapi.json", null).bodyAsJsonObject()).isEqualTo(doc);
  }

  @Test
  @DisplayName("Is served at /openapi.json and under the public prefix")
  void served() {
    HttpResponse<Buffer> root = service.get("/openapi.json", null);
    HttpResponse<Buffer> prefixed = service.get("/user-service-api/openapi.json", null);

    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.bodyAsJsonObject().getString("openapi")).startsWith("3.1");
    assertThat(prefixed.bodyAsJsonObject()).isEqualTo(root.bodyAsJsonObject());
  }

  @Test
  @DisplayName("An unknown path is a 404 problem and a wrong method a 405 problem")
  void unknownRoutes() {
    HttpResponse<Buffer> missing = service.get("/auth/nothing", null);
    HttpResponse<Buffer> wrongMethod = service.get("/auth/login", null);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
  }

  @Test
  @DisplayName("GET /health answers 200 when PostgreSQL and Redis are up")
  void health() {
    assertThat(service.get("/health", null).statusCode()).isEqualTo(200);
  }
}
