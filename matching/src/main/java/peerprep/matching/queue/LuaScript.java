package peerprep.matching.queue;

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

/** A Lua script run by its SHA, sent in full only when Redis does not know it yet (after a restart). */
final class LuaScript {
  private final String text;
  private final String sha;

  private LuaScript(String text) {
    this.text = text;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      this.sha = HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static LuaScript load(String resource) {
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Script " + resource + " is not on the classpath");
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Future<Response> run(Redis redis, List<String> args) {
    return redis.send(request(Command.EVALSHA, sha, args)).recover(e -> {
      if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
        return redis.send(request(Command.EVAL, text, args));
      }
      return Future.failedFuture(e);
    });
  }

  private static Request request(Command command, String script, List<String> args) {
    Request request = Request.cmd(command).arg(script).arg(0);
    args.forEach(request::arg);
    return request;
  }
}
