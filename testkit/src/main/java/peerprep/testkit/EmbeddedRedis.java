package peerprep.testkit;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One embedded Redis server (real redis-server binary) per JVM. */
public final class EmbeddedRedis {
  private static RedisServer server;
  private static int port;

  private EmbeddedRedis() {
  }

  public static synchronized String url() {
    return url(0);
  }

  public static synchronized String url(int wantedPort) {
    if (server == null) {
      try {
        port = wantedPort > 0 ? wantedPort : freePort();
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"").setting("appendonly no").setting("maxclients 10000")
          .onShutdownForceStop(true).build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedRedis::stop));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded Redis", e);
      }
    }
    return "redis://127.0.0.1:" + port;
  }

  public static synchronized void stop() {
    if (server != null) {
      try {
        server.stop();
      } catch (IOException ignored) {
        // the process is gone already
      }
      server = null;
    }
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
