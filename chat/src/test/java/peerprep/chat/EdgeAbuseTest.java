package peerprep.chat;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ContractProbe;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.ServiceFixture;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bad input at the chat service's edge")
class EdgeAbuseTest {
  @RegisterExtension
  static final ServiceFixture<ChatVerticle> service = ChatFixture.service(1,
    new JsonObject().put("HTTP_HEADER_TIMEOUT_MS", 1_500));

  @Test
  @DisplayName("A stalled request head is answered 408 and closed after the configured header timeout, and encoded climbs are refused")
  void edge() {
    assertThat(EdgeAbuse.slowHead(service.vertx(), service.port(), 5_000)).isNull();
    assertThat(service.http().get(service.port(), "127.0.0.1", "/chat-service-api/%2e%2e/health").send().await().statusCode())
      .isEqualTo(400);
  }

  @Test
  @DisplayName("Every operation answers input that breaks its OpenAPI schema with a 400 naming the parameter, and the socket route exists under the prefix")
  void contract() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", service.auth().user("edge").bearer());

    ContractProbe.Report contract = ContractProbe.probe(service.vertx(), service.port(), "chat-service", "openapi/chat.json", headers);

    assertThat(contract.findings()).isEmpty();
    assertThat(contract.operations()).containsExactlyInAnyOrder("listMessages", "connectChat");
    assertThat(contract.violations()).anyMatch(v -> v.contains("parameter after="))
      .anyMatch(v -> v.contains("parameter limit=")).anyMatch(v -> v.contains("parameter id="));
  }
}
