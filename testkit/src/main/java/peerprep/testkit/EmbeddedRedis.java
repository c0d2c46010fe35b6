package peerprep.testkit;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded Redis server (real redis-server binary) per JVM: the system's {@code /usr/bin/redis-server},
 * Redis 7 from Debian (the version ElastiCache runs). The services load Redis Functions, which Redis 6 (the
 * binary bundled with the library) lacks, so the system's server is required; {@code scripts/bootstrap.sh
 * java} installs it.
 */
public final class EmbeddedRedis {
  /** Where Debian's redis-server package installs the server. */
  public static final Path SYSTEM_REDIS = Path.of("/usr/bin/redis-server");
  private static RedisServer server;
  private static int port;

  private EmbeddedRedis() {
  }

  public static synchronized String url() {
    return url(0);
  }

  public static synchronized String url(int wantedPort) {
    if (server == null) {
      IOException last = null;
      for (int attempt = 0; attempt < 3 && server == null; attempt++) {
        int p = wantedPort > 0 ? wantedPort : freePort();
        RedisServer candidate = null;
        try {
          candidate = builder().port(p).bind("127.0.0.1")
            .setting("save \"\"").setting("appendonly no").setting("maxclients 10000")
            .onShutdownForceStop(true).build();
          candidate.start();
          server = candidate;
          port = p;
        } catch (IOException e) {
          last = e;
          stopQuietly(candidate);
        }
      }
      if (server == null) {
        throw new UncheckedIOException("Could not start embedded Redis: " + rootMessage(last), last);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedRedis::stop));
    }
    return "redis://127.0.0.1:" + port;
  }

  /** A server builder on the system's Redis 7. */
  public static RedisServerBuilder builder() {
    if (!Files.isExecutable(SYSTEM_REDIS)) {
      throw new IllegalStateException("Redis 7 is needed at " + SYSTEM_REDIS
        + " (Redis Functions): run scripts/bootstrap.sh java, or apt-get install redis-server");
    }
    return RedisServer.newRedisServer().executableProvider(SYSTEM_REDIS::toFile);
  }

  public static synchronized void stop() {
    stopQuietly(server);
    server = null;
  }

  private static void stopQuietly(RedisServer s) {
    if (s != null) {
      try {
        s.stop();
      } catch (IOException ignored) {
        // the process is gone already
      }
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c != null && c.getCause() != null) {
      c = c.getCause();
    }
    return c == null ? "unknown" : c.getMessage();
  }

  /** Empties every key, for a clean state between tests. */
  public static void flushAll() {
    url();
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[16];
      int n = in.read(buf);
      if (n <= 0 || buf[0] != '+') {
        throw new IllegalStateException("FLUSHALL was refused");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
