package peerprep.matching.queue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import peerprep.common.auth.Principal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The shared queue in Redis: every Redis command of the service, each state change one script call. */
public final class MatchQueue {
  static final String PREFIX = "peerprep:match:";
  private static final LuaScript SCRIPT = LuaScript.load("lua/matching.lua");

  private final Redis redis;
  private final MatchRules rules;
  private final String taskId;

  public MatchQueue(Redis redis, MatchRules rules, String taskId) {
    this.redis = redis;
    this.rules = rules;
    this.taskId = taskId;
  }

  /** The pub/sub channel on which this task hears about its sockets' requests. */
  public String channel() {
    return PREFIX + "chan:" + taskId;
  }

  /** Marks this task alive; its sockets count as present only while this key lives. */
  public Future<Void> heartbeat() {
    return redis.send(Request.cmd(Command.SET).arg(PREFIX + "task:" + taskId).arg("1").arg("PX").arg(rules.taskTtlMs()))
      .mapEmpty();
  }

  public Future<Void> leave() {
    return redis.send(Request.cmd(Command.DEL).arg(PREFIX + "task:" + taskId)).mapEmpty();
  }

  public Future<Enqueued> enqueue(String requestId, Principal user, MatchRequest req, String socketId) {
    String matchId = UUID.randomUUID().toString();
    return call("enqueue", requestId, user.id(), user.username(), req.topic(), req.difficulty(),
      req.language() == null ? "" : req.language(), socketId == null ? "" : socketId, taskId, matchId)
      .map(r -> switch (r.get(0).toString()) {
        case "queued" -> new Enqueued.Queued(RequestView.fromReply(r.get(1)));
        case "matching" -> new Enqueued.Paired(requestId, r.get(1).toString());
        default -> new Busy(r.get(1).toString());
      });
  }

  /** Re-attaches a new socket to the user's active request; the view of the current request, or null. */
  public Future<RequestView> attach(String userId, String socketId) {
    return call("attach", userId, socketId, taskId).map(RequestView::fromReply);
  }

  public Future<Void> detach(String requestId, String socketId) {
    return call("detach", requestId, socketId).mapEmpty();
  }

  /** The socket's peer missed the heartbeat: a waiting request with no other socket ends at once. */
  public Future<Void> vanish(String requestId, String socketId) {
    return call("vanish", requestId, socketId).mapEmpty();
  }

  /** Those of the requests that no longer exist in Redis (it lost its data). */
  public Future<List<String>> missing(List<String> requestIds) {
    if (requestIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return call("missing", requestIds.toArray(String[]::new)).map(r -> {
      List<String> out = new ArrayList<>();
      r.forEach(id -> out.add(id.toString()));
      return out;
    });
  }

  /** The user's current request, read over REST (which counts as the user being present); null when none. */
  public Future<RequestView> touch(String userId) {
    return call("touch", userId).map(RequestView::fromReply);
  }

  /** Cancels the user's waiting request; other sockets than {@code socketId} are told. */
  public Future<Cancellation> cancel(String userId, String socketId) {
    return call("cancel", userId, socketId == null ? "" : socketId).map(r -> switch (r.get(0).toString()) {
      case "cancelled" -> new Cancellation.Cancelled(r.get(1).toString());
      case "busy" -> new Busy(r.get(1).toString());
      default -> new Cancellation.NothingWaiting();
    });
  }

  /** Waiting counts per topic and difficulty. */
  public Future<JsonObject> stats() {
    return call("stats").map(r -> {
      List<JsonObject> queues = new ArrayList<>();
      long total = 0;
      for (int i = 0; i + 1 < r.size(); i += 2) {
        String[] key = r.get(i).toString().split("\\|", 2);
        long n = r.get(i + 1).toLong();
        total += n;
        queues.add(new JsonObject().put("topic", key[0]).put("difficulty", key[1]).put("waiting", n));
      }
      queues.sort(Comparator.<JsonObject, String>comparing(q -> q.getString("topic"))
        .thenComparing(q -> MatchRequest.DIFFICULTIES.indexOf(q.getString("difficulty"))));
      return new JsonObject().put("total", total).put("queues", new JsonArray(new ArrayList<>(queues)));
    });
  }

  /** Runs the due timeouts, relaxations, retries and ghost checks; the match jobs this task must now run. */
  public Future<List<String>> sweep(int limit) {
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(limit));
    for (int i = 0; i < limit; i++) {
      args.add(UUID.randomUUID().toString());
    }
    return call("sweep", args.toArray(String[]::new)).map(r -> {
      List<String> jobs = new ArrayList<>();
      r.forEach(id -> jobs.add(id.toString()));
      return jobs;
    });
  }

  public Future<Pairing> pairing(String matchId) {
    return call("pairing", matchId).map(Pairing::fromReply);
  }

  /** Keeps the first question saved for the match; the question to use, or null when the match is gone. */
  public Future<JsonObject> savePick(String matchId, JsonObject question) {
    return call("savePick", matchId, question.encode()).map(r -> r == null ? null : new JsonObject(r.toString()));
  }

  /**
   * Marks both requests matched and tells both users; false when another task did it already. Unless the
   * match is {@code logged} already, its record is kept for a later attempt to write it.
   */
  public Future<Boolean> finish(String matchId, String sessionId, JsonObject frameA, JsonObject frameB, MatchRecord record,
                         boolean logged) {
    return call("finish", matchId, sessionId, frameA.encode(), frameB.encode(), record.toJson().encode(),
      logged ? "1" : "0").map(r -> r.toInteger() == 1);
  }

  public Future<Boolean> requeue(String matchId, String detail) {
    return call("requeue", matchId, detail).map(r -> r.toInteger() == 1);
  }

  public Future<Boolean> fail(String matchId, String code, String detail) {
    return call("fail", matchId, code, detail).map(r -> r.toInteger() == 1);
  }

  public Future<Void> done(String matchId) {
    return call("done", matchId).mapEmpty();
  }

  private Future<Response> call(String op, String... args) {
    List<String> argv = new ArrayList<>(2 + args.length + 6);
    argv.add(op);
    argv.addAll(rules.scriptArgs());
    argv.addAll(List.of(args));
    return SCRIPT.run(redis, argv);
  }
}
