package peerprep.chat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.testing.EdgeAbuse;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Bad input at the chat service's edge")
class EdgeAbuseTest {
  @Test
  @DisplayName("A stalled request head is answered 408 and closed after the configured header timeout, and encoded climbs are refused")
  void edge(Vertx vertx) {
    ChatFixture chat = ChatFixture.start(vertx, 1, new JsonObject().put("HTTP_HEADER_TIMEOUT_MS", 1_500));
    try {
      assertThat(EdgeAbuse.slowHead(vertx, chat.port(0), 5_000)).isNull();
      assertThat(chat.http.get(chat.port(0), "127.0.0.1", "/chat-service-api/%2e%2e/health").send().await().statusCode())
        .isEqualTo(400);
    } finally {
      chat.close();
    }
  }
}
