package peerprep.collab;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.collab.support.TestStack;
import peerprep.common.auth.Auth;
import peerprep.common.testing.ContractProbe;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.TestEnv;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Bad input at the collaboration service's edge")
class EdgeAbuseTest {
  @Test
  @DisplayName("The session route answers malformed multipart with 415 and a NUL in any field with 400, and no internal route is reachable from the prefix, and a stalled request head is closed, and every operation answers input that breaks its OpenAPI schema with a 400 naming the field")
  void everyBodyRoute(Vertx vertx) throws Exception {
    TestStack stack = TestStack.start(vertx, 1, new JsonObject().put("HTTP_HEADER_TIMEOUT_MS", 1_500)).await(60, TimeUnit.SECONDS);
    try {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", stack.user("edge").bearer())
        .add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);

      EdgeAbuse.Report report = EdgeAbuse.probe(vertx, stack.port(0), "collaboration-service", "openapi/collab.json", headers);

      assertThat(report.findings()).isEmpty();
      assertThat(report.requests()).isGreaterThan(10);
      assertThat(EdgeAbuse.slowHead(vertx, stack.port(0), 5_000)).isNull();

      ContractProbe.Report contract = ContractProbe.probe(vertx, stack.port(0), "collaboration-service", "openapi/collab.json", headers);
      assertThat(contract.findings()).isEmpty();
      assertThat(contract.operations()).contains("createSession", "describeSession", "readSession", "setDisplayName",
        "joinSession", "runCode", "listRuns");
      assertThat(contract.violations()).isNotEmpty();
    } finally {
      stack.close().await(30, TimeUnit.SECONDS);
    }
  }
}
