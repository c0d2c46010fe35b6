package peerprep.chat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
}
