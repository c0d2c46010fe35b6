package peerprep.history;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Auth;
import peerprep.common.testing.ContractProbe;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestEnv;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bad input at the history service's edge")
class EdgeAbuseTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> service = HistoryService.fixture().config("HTTP_HEADER_TIMEOUT_MS", 1_500);

  @Test
  @DisplayName("The attempt and transcript routes answer malformed multipart with 415 and a NUL in any field with 400, and are unreachable from the prefix, and a stalled request head is closed, and every operation answers input that breaks its OpenAPI schema with a 400 naming the field")
  void everyBodyRoute() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
      .add("Authorization", service.auth().admin("edge").bearer())
      .add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);

    EdgeAbuse.Report report = EdgeAbuse.probe(service.vertx(), service.port(), "history-service", "openapi/history.json", headers);

    assertThat(report.findings()).isEmpty();
    assertThat(report.requests()).isGreaterThan(10);
    assertThat(EdgeAbuse.slowHead(service.vertx(), service.port(), 5_000)).isNull();


    ContractProbe.Report contract = ContractProbe.probe(service.vertx(), service.port(), "history-service", "openapi/history.json", headers);
    assertThat(contract.findings()).isEmpty();
    assertThat(contract.operations()).contains("listMyAttempts", "getAttempt", "recordAttempt", "putTranscript", "attemptedQuestionIdsOfUsers", "forgetUser");
    assertThat(contract.violations()).isNotEmpty();
  }
}
