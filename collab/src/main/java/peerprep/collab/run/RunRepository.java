package peerprep.collab.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import peerprep.collab.session.Keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A session's runs in Redis: the one going on (at most one), the finished ones, and the count for the quota. */
final class RunRepository {
  private static final String START = script("run_start");
  private static final String FINISH = script("run_finish");
  private final Redis redis;
  private final RunConfig cfg;

  RunRepository(Redis redis, RunConfig cfg) {
    this.redis = redis;
    this.cfg = cfg;
  }

  /** {@code ok}, {@code busy} (with the running run) or {@code quota}. */
  Future<Started> start(String sessionId, String running, String envelope) {
    return eval(START, List.of(RunKeys.running(sessionId), RunKeys.count(sessionId)),
      List.of(running, cfg.timeoutMs() + 30_000, cfg.quota(), cfg.keepMs(), Keys.channel(sessionId), envelope))
      .map(r -> new Started(r.get(0).toString(), r.get(1).toString()));
  }

  /** Ends the run; {@code record} null when it never ran (then the quota is given back). */
  Future<Boolean> finish(String sessionId, String running, JsonObject record, String envelope) {
    return eval(FINISH, List.of(RunKeys.running(sessionId), RunKeys.runs(sessionId), RunKeys.count(sessionId)),
      List.of(running, record == null ? "" : record.encode(), cfg.keepMs(), record == null ? "1" : "0", Keys.channel(sessionId), envelope))
      .map(r -> r.toInteger() == 1);
  }

  /** The run going on (or null) and the finished runs, oldest first. */
  Future<JsonObject> list(String sessionId) {
    return redis.send(Request.cmd(Command.GET).arg(RunKeys.running(sessionId)))
      .compose(running -> redis.send(Request.cmd(Command.LRANGE).arg(RunKeys.runs(sessionId)).arg(0).arg(-1))
        .map(runs -> {
          JsonArray out = new JsonArray();
          runs.forEach(r -> out.add(new JsonObject(r.toString())));
          return new JsonObject().put("running", running == null ? null : new JsonObject(running.toString())).put("runs", out);
        }));
  }

  private Future<Response> eval(String source, List<String> keys, List<?> args) {
    Request r = Request.cmd(Command.EVAL).arg(source).arg(keys.size());
    keys.forEach(r::arg);
    args.forEach(a -> r.arg(String.valueOf(a)));
    return redis.send(r);
  }

  private static String script(String name) {
    try (InputStream in = RunRepository.class.getClassLoader().getResourceAsStream("lua/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("Lua script " + name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Started(String outcome, String detail) {
  }
}
