package peerprep.common.redis;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.Settings;
import peerprep.common.testing.TestCertificates;
import peerprep.common.testing.TlsRedis;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class RedisesTlsTest {
  private static final String TOKEN = "tls-test-auth-token";
  private static TestCertificates certs;
  private static TlsRedis server;

  @BeforeAll
  static void startServer() {
    certs = TestCertificates.create("PeerPrep Redis test CA", "DNS:localhost");
    server = TlsRedis.start(certs, TOKEN);
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static Settings settings(String url, String caFile) {
    return new Settings(new JsonObject().put("REDIS_URL", url).put("REDIS_TLS_CA_FILE", caFile));
  }

  private static String ping(Vertx vertx, Settings s) {
    Redis redis = Redises.client(vertx, s);
    try {
      return redis.send(Request.cmd(Command.PING)).await().toString();
    } finally {
      redis.close();
    }
  }

  @Test
  @DisplayName("A rediss:// URL with an AUTH token opens TLS to Redis 7, checks the certificate's name, and PINGs")
  void tlsWithAuth(Vertx vertx) {
    String url = "rediss://:" + TOKEN + "@localhost:" + server.port();
    assertThat(ping(vertx, settings(url, certs.ca().toString()))).isEqualTo("PONG");
  }

  @Test
  @DisplayName("The AUTH token may come from SECRET_REDIS_AUTH_TOKEN instead of the URL")
  void tokenFromSecret(Vertx vertx) {
    Settings s = new Settings(new JsonObject().put("REDIS_URL", "rediss://localhost:" + server.port())
      .put("REDIS_TLS_CA_FILE", certs.ca().toString()).put("SECRET_REDIS_AUTH_TOKEN", TOKEN));
    assertThat(ping(vertx, s)).isEqualTo("PONG");
  }

  @Test
  @DisplayName("A certificate that does not name the host connected to is refused")
  void wrongHostRefused(Vertx vertx) {
    String url = "rediss://:" + TOKEN + "@127.0.0.1:" + server.port();
    assertThatThrownBy(() -> ping(vertx, settings(url, certs.ca().toString())))
      .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
  }

  @Test
  @DisplayName("A certificate from a CA the client does not trust is refused")
  void untrustedCaRefused(Vertx vertx) {
    TestCertificates other = TestCertificates.create("Another CA", "DNS:localhost");
    String url = "rediss://:" + TOKEN + "@localhost:" + server.port();
    assertThatThrownBy(() -> ping(vertx, settings(url, other.ca().toString())))
      .hasStackTraceContaining("PKIX path");
  }

  @Test
  @DisplayName("A wrong AUTH token is refused over TLS")
  void wrongTokenRefused(Vertx vertx) {
    String url = "rediss://:not-the-token@localhost:" + server.port();
    assertThatThrownBy(() -> ping(vertx, settings(url, certs.ca().toString())))
      .hasStackTraceContaining("WRONGPASS");
  }
}
