package peerprep.common.abuse;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class TrustedProxiesTest {

  /** The address the service would count for a request from this test (peer 127.0.0.1) with the header. */
  private static String seen(Vertx vertx, TrustedProxies proxies, String forwardedFor) {
    var server = vertx.createHttpServer().requestHandler(req -> req.response().end(proxies.clientAddress(req)))
      .listen(0, "127.0.0.1").await();
    try {
      var request = WebClient.create(vertx).get(server.actualPort(), "127.0.0.1", "/");
      if (forwardedFor != null) {
        request.putHeader("X-Forwarded-For", forwardedFor);
      }
      return request.send().await().bodyAsString();
    } finally {
      server.close().await();
    }
  }

  @Test
  @DisplayName("A peer that is not a trusted proxy is the client, whatever X-Forwarded-For it sends")
  void untrustedPeer(Vertx vertx) {
    assertThat(seen(vertx, TrustedProxies.none(), "6.6.6.6")).isEqualTo("127.0.0.1");
    assertThat(seen(vertx, TrustedProxies.parse("10.0.0.0/16"), "6.6.6.6, 7.7.7.7")).isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("Behind trusted proxies the client is the first untrusted address from the right; what the client prepended is ignored")
  void trustedChain(Vertx vertx) {
    assertThat(seen(vertx, TrustedProxies.parse("127.0.0.1/32"), "6.6.6.6, 9.9.9.9")).isEqualTo("9.9.9.9");
    assertThat(seen(vertx, TrustedProxies.parse("10.0.0.0/16, 127.0.0.1"), "6.6.6.6, 9.9.9.9, 10.0.3.4")).isEqualTo("9.9.9.9");
    assertThat(seen(vertx, TrustedProxies.parse("127.0.0.1/32"), null)).isEqualTo("127.0.0.1");
    assertThat(seen(vertx, TrustedProxies.parse("127.0.0.1/32"), "0:0:0:0:0:0:0:1")).isEqualTo("::1");
  }

  @Test
  @DisplayName("A malformed TRUSTED_PROXIES entry stops the service with a named error, and never resolves a host name")
  void malformed() {
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).isInstanceOf(ConfigException.class).hasMessageContaining("TRUSTED_PROXIES");
    assertThatThrownBy(() -> TrustedProxies.parse("proxy.example.com")).isInstanceOf(ConfigException.class);
    assertThat(TrustedProxies.parse("10.0.0.0/8").trusts("10.200.1.1")).isTrue();
    assertThat(TrustedProxies.parse("10.0.0.0/8").trusts("11.0.0.1")).isFalse();
    assertThat(TrustedProxies.parse("fd00::/8").trusts("fd12::1")).isTrue();
  }
}
