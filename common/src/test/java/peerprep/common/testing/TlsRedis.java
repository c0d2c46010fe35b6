package peerprep.common.testing;

import org.junit.jupiter.api.Assumptions;
import redis.embedded.RedisServer;
import peerprep.testkit.EmbeddedRedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The system's Redis 7 with TLS only (no plaintext port) and an AUTH password, as ElastiCache with
 * transit encryption runs. Tests using it are skipped where Debian's redis-server is not installed.
 */
public final class TlsRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  private TlsRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static TlsRedis start(TestCertificates certs, String password) {
    Assumptions.assumeTrue(Files.isExecutable(EmbeddedRedis.SYSTEM_REDIS),
      "Redis 7 with TLS needs Debian's redis-server (scripts/bootstrap.sh installs it)");
    int port = EmbeddedRedis.freePort();
    try {
      RedisServer server = EmbeddedRedis.builder().port(0).bind("127.0.0.1")
        .setting("tls-port " + port)
        .setting("tls-cert-file " + certs.cert())
        .setting("tls-key-file " + certs.key())
        .setting("tls-ca-cert-file " + certs.ca())
        .setting("tls-auth-clients no")
        .setting("requirepass " + password)
        .setting("save \"\"").setting("appendonly no")
        .onShutdownForceStop(true).build();
      server.start();
      return new TlsRedis(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start Redis with TLS", e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    server.stop();
  }
}
