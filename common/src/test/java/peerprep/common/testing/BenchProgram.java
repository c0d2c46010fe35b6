package peerprep.common.testing;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.slf4j.LoggerFactory;
import peerprep.testkit.EmbeddedRedis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shell of a benchmark program: its {@code --name value} arguments, quiet logs, one Vert.x, the
 * embedded Redis stopped at the end, and the exit code (1 when the body failed, after saying why).
 */
public final class BenchProgram {
  private BenchProgram() {
  }

  /** What a benchmark does with its Vert.x. */
  @FunctionalInterface
  public interface Body {
    void run(Vertx vertx) throws Exception;
  }

  /** Runs {@code body} and exits the JVM. */
  public static void run(Body body) {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Vertx vertx = Vertx.vertx();
    int code = 0;
    try {
      body.run(vertx);
    } catch (Exception e) {
      System.out.println("benchmark failed: " + e);
      code = 1;
    } finally {
      try {
        vertx.close().await(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        System.out.println("Vert.x did not close within 30 s");
      }
      EmbeddedRedis.stop();
    }
    System.exit(code);
  }

  /** The process id of the Redis server behind {@code redis}, for {@link ProcCpu}. */
  public static long redisPid(Redis redis) {
    for (String line : info(redis, "server")) {
      if (line.startsWith("process_id:")) {
        return Long.parseLong(line.substring("process_id:".length()).trim());
      }
    }
    throw new IllegalStateException("Redis did not tell its process id");
  }

  private static List<String> info(Redis redis, String section) {
    return Arrays.asList(redis.send(Request.cmd(Command.INFO).arg(section)).await().toString().split("\r?\n"));
  }

  /** A benchmark's arguments, {@code --name value} pairs, each with a default. */
  public static final class Args {
    private final Map<String, String> flags = new HashMap<>();

    public Args(String[] args) {
      for (int i = 0; i + 1 < args.length; i += 2) {
        flags.put(args[i].replaceFirst("^--", ""), args[i + 1]);
      }
    }

    public String text(String name, String fallback) {
      return flags.getOrDefault(name, fallback);
    }

    /** A value that must be one of {@code choices}; the first is the default. */
    public String choice(String name, String... choices) {
      String value = text(name, choices[0]);
      if (!Arrays.asList(choices).contains(value)) {
        throw new IllegalArgumentException("--" + name + " is one of " + String.join(", ", choices) + ", not " + value);
      }
      return value;
    }

    public int integer(String name, int fallback) {
      return Integer.parseInt(text(name, String.valueOf(fallback)).trim());
    }

    public double decimal(String name, double fallback) {
      return Double.parseDouble(text(name, String.valueOf(fallback)).trim());
    }

    /** A comma-separated list of whole numbers, as {@code --rooms 100,1000}. */
    public List<Integer> integers(String name, String fallback) {
      return Arrays.stream(text(name, fallback).split(",")).map(s -> Integer.parseInt(s.trim())).toList();
    }
  }
}
