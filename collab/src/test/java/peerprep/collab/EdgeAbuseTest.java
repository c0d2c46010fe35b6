package peerprep.collab;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.support.CollabFixture;
import peerprep.common.auth.Auth;
import peerprep.common.testing.ContractProbe;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestEnv;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bad input at the collaboration service's edge")
class EdgeAbuseTest {
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(1, new JsonObject().put("HTTP_HEADER_TIMEOUT_MS", 1_500));

  @Test
  @DisplayName("The session route answers malformed multipart with 415 and a NUL in any field with 400, and no internal route is reachable from the prefix, and a stalled request head is closed, and every operation answers input that breaks its OpenAPI schema with a 400 naming the field")
  void everyBodyRoute() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
      .add("Authorization", service.auth().user("edge").bearer())
      .add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);

    EdgeAbuse.Report report = EdgeAbuse.probe(service.vertx(), service.port(), "collaboration-service", "openapi/collab.json", headers);

    assertThat(report.findings()).isEmpty();
    assertThat(report.requests()).isGreaterThan(10);
    assertThat(EdgeAbuse.slowHead(service.vertx(), service.port(), 5_000)).isNull();

    ContractProbe.Report contract = ContractProbe.probe(service.vertx(), service.port(), "collaboration-service", "openapi/collab.json", headers);
    assertThat(contract.findings()).isEmpty();
    assertThat(contract.operations()).contains("createSession", "describeSession", "readSession", "setDisplayName",
      "joinSession", "runCode", "listRuns");
    assertThat(contract.violations()).isNotEmpty();
  }
}
