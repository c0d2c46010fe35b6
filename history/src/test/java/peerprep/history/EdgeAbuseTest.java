package peerprep.history;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.auth.Auth;
import peerprep.common.testing.ContractProbe;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestEnv;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Bad input at the history service's edge")
class EdgeAbuseTest {
  @Test
  @DisplayName("The attempt and transcript routes answer malformed multipart with 415 and a NUL in any field with 400, and are unreachable from the prefix, and a stalled request head is closed, and every operation answers input that breaks its OpenAPI schema with a 400 naming the field")
  void everyBodyRoute(Vertx vertx) {
    TestAuth auth = HistoryService.await(TestAuth.start(vertx));
    JsonObject config = TestEnv.config("history_edge_test").put("USER_SERVICE_URL", auth.url()).put("HTTP_HEADER_TIMEOUT_MS", 1_500);
    String deployment = HistoryService.await(vertx.deployVerticle(new HistoryVerticle(), new DeploymentOptions().setConfig(config)));
    try {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", auth.admin("edge").bearer())
        .add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);

      EdgeAbuse.Report report = EdgeAbuse.probe(vertx, config.getInteger("PORT"), "history-service", "openapi/history.json", headers);

      assertThat(report.findings()).isEmpty();
      assertThat(report.requests()).isGreaterThan(10);
      assertThat(EdgeAbuse.slowHead(vertx, config.getInteger("PORT"), 5_000)).isNull();

      ContractProbe.Report contract = ContractProbe.probe(vertx, config.getInteger("PORT"), "history-service", "openapi/history.json", headers);
      assertThat(contract.findings()).isEmpty();
      assertThat(contract.operations()).contains("listMyAttempts", "getAttempt", "recordAttempt", "putTranscript", "attemptedQuestionIdsOfUsers", "forgetUser");
      assertThat(contract.violations()).isNotEmpty();
    } finally {
      HistoryService.await(vertx.undeploy(deployment));
      HistoryService.await(auth.close());
    }
  }
}
