package peerprep.collab.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import peerprep.collab.session.Functions;
import peerprep.collab.session.Keys;
import peerprep.common.redis.RedisFunctions;

import java.util.List;

/** A session's runs in Redis: the one going on (at most one), the finished ones, and the count for the quota. */
final class RunRepository {
  private final Redis redis;
  private final RedisFunctions functions;
  private final RunConfig cfg;

  RunRepository(Redis redis, RunConfig cfg) {
    this.redis = redis;
    this.functions = Functions.of(redis);
    this.cfg = cfg;
  }

  /** {@code ok}, {@code busy} (with the running run) or {@code quota}. */
  Future<Started> start(String sessionId, String running, String envelope) {
    return functions.call("run_start", List.of(RunKeys.running(sessionId), RunKeys.count(sessionId)),
      List.of(running, cfg.timeoutMs() + 30_000, cfg.quota(), cfg.keepMs(), Keys.channel(sessionId), envelope))
      .map(r -> new Started(r.get(0).toString(), r.get(1).toString()));
  }

  /** Ends the run; {@code record} null when it never ran (then the quota is given back). */
  Future<Boolean> finish(String sessionId, String running, JsonObject record, String envelope) {
    return functions.call("run_finish", List.of(RunKeys.running(sessionId), RunKeys.runs(sessionId), RunKeys.count(sessionId)),
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

  record Started(String outcome, String detail) {
  }
}
