package peerprep.user;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Auth;
import peerprep.common.testing.ContractProbe;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestEnv;


import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bad input at the user service's edge")
class EdgeAbuseTest {
  private static final String PASSWORD = "Edge-admin-password-42";
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture()
    .config("ADMIN_USERNAME", "edge-admin").config("ADMIN_EMAIL", "edge@peerprep.example")
    .config("SECRET_ADMIN_PASSWORD", PASSWORD).config("HTTP_HEADER_TIMEOUT_MS", 1_500);

  @Test
  @DisplayName("Every body route answers malformed multipart with 415 and a NUL in any field with 400, no internal route is reachable from the prefix, a stalled request head is closed, and every operation answers input that breaks its OpenAPI schema with a 400 naming the field")
  void everyBodyRoute() {
    ServiceUnderTest service = new ServiceUnderTest(fixture);
    HttpResponse<Buffer> login = service.login("edge-admin", PASSWORD);
    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    String token = login.bodyAsJsonObject().getString("accessToken");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
      .add("Authorization", "Bearer " + token)
      .add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);

    EdgeAbuse.Report report = EdgeAbuse.probe(service.vertx, service.port, "user-service", "openapi/user.json", headers);

    assertThat(report.findings()).isEmpty();
    assertThat(report.requests()).isGreaterThan(20);
    assertThat(EdgeAbuse.slowHead(service.vertx, service.port, 5_000)).isNull();

    ContractProbe.Report contract = ContractProbe.probe(service.vertx, service.port, "user-service", "openapi/user.json", headers);
    assertThat(contract.findings()).isEmpty();
    assertThat(contract.operations()).contains("register", "login", "updateMe", "listUsers", "updateUser", "jwks");
    assertThat(contract.violations().size()).isGreaterThan(30);
  }
}
