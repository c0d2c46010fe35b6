package peerprep.common.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A Redis Functions library read from the classpath ({@code redis/<name>.lua}), loaded with
 * {@code FUNCTION LOAD REPLACE} and called with {@code FCALL}, every key declared as a key.
 *
 * <p>The library is versioned by its content: the source starts with {@code #!lua name=__LIBRARY__} and
 * registers each function as {@code __LIBRARY___<function>}; {@code __LIBRARY__} becomes
 * {@code <name>_<first 8 hex digits of the source's SHA-256>}. Two builds of a service running side by side
 * during a rolling deploy therefore call their own functions, never each other's. Redis keeps functions
 * in its snapshots and replicates them; a server that lost them (restarted without persistence) gets the
 * library again at the first call that finds it missing.
 */
public final class RedisFunctions {
  /** The placeholder a library's source uses for its versioned name. */
  public static final String PLACEHOLDER = "__LIBRARY__";
  private final String library;
  private final String source;
  private final Redis redis;

  private RedisFunctions(Redis redis, String name, String template) {
    this.redis = redis;
    this.library = name + "_" + digest(template).substring(0, 8);
    this.source = template.replace(PLACEHOLDER, library);
  }

  /** The library {@code redis/<name>.lua} from the class loader of {@code owner}, not yet loaded. */
  public static RedisFunctions of(Redis redis, Class<?> owner, String name) {
    String path = "redis/" + name + ".lua";
    try (InputStream in = owner.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Redis function library " + path + " is not on the classpath");
      }
      String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!template.startsWith("#!lua name=" + PLACEHOLDER)) {
        throw new IllegalStateException(path + " must start with #!lua name=" + PLACEHOLDER);
      }
      return new RedisFunctions(redis, name, template);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code common} library (rate limits, socket leases, revocations): one per Redis client, loaded by
   * {@code AccessControl.start} and handed to everything in common that calls it.
   */
  public static RedisFunctions common(Redis redis) {
    return of(redis, RedisFunctions.class, "common");
  }

  /** Loads (or replaces) the library; call at start-up, before the service reports ready. */
  public Future<RedisFunctions> load() {
    return redis.send(Request.cmd(Command.FUNCTION).arg("LOAD").arg("REPLACE").arg(source)).map(r -> this);
  }

  /** The versioned library name, {@code <name>_<hash>}. */
  public String library() {
    return library;
  }

  /** Calls {@code function} of this library with its keys and arguments (each argument as its string form). */
  public Future<Response> call(String function, List<String> keys, List<?> args) {
    return redis.send(request(function, keys, args))
      .recover(e -> missing(e)
        ? load().compose(v -> redis.send(request(function, keys, args)))
        : Future.failedFuture(e));
  }

  /**
   * Calls {@code function} through {@code via}, a connection of the caller's own (one pipelined connection
   * keeps the order of its calls), loading the library first when Redis lost it.
   */
  public Future<Response> call(Function<Request, Future<Response>> via, String function, List<String> keys, List<?> args) {
    Request request = request(function, keys, args);
    return via.apply(request)
      .recover(e -> missing(e)
        ? load().compose(v -> via.apply(request(function, keys, args)))
        : Future.failedFuture(e));
  }

  /** The request {@link #call} sends, for batching several calls in one round trip. */
  public Request request(String function, List<String> keys, List<?> args) {
    Request r = Request.cmd(Command.FCALL).arg(library + "_" + function).arg(keys.size());
    keys.forEach(r::arg);
    for (Object a : args) {
      r.arg(String.valueOf(a));
    }
    return r;
  }

  private static boolean missing(Throwable e) {
    String m = e.getMessage();
    return m != null && m.contains("Function not found");
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
