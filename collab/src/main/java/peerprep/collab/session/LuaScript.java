package peerprep.collab.session;

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

/** A Lua script from {@code lua/<name>.lua}, run with EVALSHA and sent in full once when Redis lacks it. */
final class LuaScript {
  private final String source;
  private final String sha;

  private LuaScript(String source) {
    this.source = source;
    try {
      this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream("lua/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("Lua script " + name + " is not on the classpath");
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Future<Response> run(Redis redis, List<String> keys, List<?> args) {
    return redis.send(request(Command.EVALSHA, sha, keys, args))
      .recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
        ? redis.send(request(Command.EVAL, source, keys, args))
        : Future.failedFuture(e));
  }

  private static Request request(Command command, String script, List<String> keys, List<?> args) {
    Request r = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(r::arg);
    for (Object a : args) {
      r.arg(String.valueOf(a));
    }
    return r;
  }
}
