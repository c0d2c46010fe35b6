package peerprep.execution;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ContractProbe;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.ServiceFixture;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bad input at the execution service's edge")
class EdgeAbuseTest {
  @RegisterExtension
  static final ServiceFixture<ExecutionVerticle> service = TestService.fixture(new JsonObject())
    .assuming(TestService::assumeBubblewrap);

  @Test
  @DisplayName("The run route answers malformed multipart with 415 and a NUL in any field with 400, and is unreachable from the prefix, and every operation answers input that breaks its OpenAPI schema with a 400 naming the field")
  void everyRoute() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();

    EdgeAbuse.Report report = EdgeAbuse.probe(service.vertx(), service.port(), "execution-service", "openapi/execution.json", headers);

    assertThat(report.findings()).isEmpty();
    assertThat(report.requests()).isGreaterThan(5);

    ContractProbe.Report contract = ContractProbe.probe(service.vertx(), service.port(), "execution-service", "openapi/execution.json", headers);
    assertThat(contract.findings()).isEmpty();
    assertThat(contract.operations()).contains("listLanguages", "runProgram");
    assertThat(contract.violations()).contains("runProgram without 'language'", "runProgram without 'code'");
  }
}
