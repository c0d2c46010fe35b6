package peerprep.matching;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Auth;
import peerprep.common.testing.ContractProbe;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestEnv;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bad input at the matching service's edge")
class EdgeAbuseTest {
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(1,
    new JsonObject().put("HTTP_HEADER_TIMEOUT_MS", 1_500));

  @Test
  @DisplayName("Every body route answers malformed multipart with 415 and a NUL in any field with 400, and a stalled request head is closed, and every operation answers input that breaks its OpenAPI schema with a 400 naming the field")
  void everyBodyRoute() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
      .add("Authorization", SERVICE.auth().user("edge").bearer())
      .add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);

    EdgeAbuse.Report report = EdgeAbuse.probe(SERVICE.vertx(), SERVICE.port(), "matching-service", "openapi/matching.json", headers);

    assertThat(report.findings()).isEmpty();
    assertThat(report.requests()).isGreaterThan(2);
    assertThat(EdgeAbuse.slowHead(SERVICE.vertx(), SERVICE.port(), 5_000)).isNull();

    ContractProbe.Report contract = ContractProbe.probe(SERVICE.vertx(), SERVICE.port(), "matching-service", "openapi/matching.json", headers);
    assertThat(contract.findings()).isEmpty();
    assertThat(contract.operations()).containsExactlyInAnyOrder("matchSocket", "createRequest", "currentRequest",
      "cancelRequest", "queueStats");
    assertThat(contract.violations()).contains("createRequest without 'topic'", "createRequest without 'difficulty'",
      "createRequest with a JSON array as its body");
  }
}
