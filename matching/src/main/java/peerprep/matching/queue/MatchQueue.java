package peerprep.matching.queue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import peerprep.common.auth.Principal;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Replies;
import peerprep.common.vocab.Difficulty;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The shared queue in Redis: every Redis command of the service, each state change one function call. */
public final class MatchQueue {
  private final Redis redis;
  private final RedisFunctions functions;
  private final MatchRules rules;
  private final String rulesJson;
  private final String taskId;
  private final Clock clock;

  public MatchQueue(Redis redis, MatchRules rules, String taskId, Clock clock) {
    this.redis = redis;
    this.functions = RedisFunctions.of(redis, MatchQueue.class, "matching");
    this.rules = rules;
    this.rulesJson = rules.toFunctions().encode();
    this.taskId = taskId;
    this.clock = clock;
  }

  /** Loads the queue's functions into Redis; call before the first operation. */
  public Future<Void> load() {
    return functions.load().mapEmpty();
  }

  /** The pub/sub channel on which this task hears about its sockets' requests. */
  public String channel() {
    return QueueKeys.channel(taskId);
  }

  /** Marks this task alive; its sockets count as present only while this key lives. */
  public Future<Void> heartbeat() {
    return redis.send(Request.cmd(Command.SET).arg(QueueKeys.task(taskId)).arg("1").arg("PX").arg(rules.taskTtlMs()))
      .mapEmpty();
  }

  public Future<Void> leave() {
    return redis.send(Request.cmd(Command.DEL).arg(QueueKeys.task(taskId))).mapEmpty();
  }

  public Future<Enqueued> enqueue(String requestId, Principal user, MatchRequest req, String socketId) {
    return enqueue(requestId, user, req, socketId, null);
  }

  /**
   * Queues a request; {@code place} (epoch ms), when given, is the moment that orders it in its queue
   * instead of now: a rematch keeps the place of its user's first request.
   */
  public Future<Enqueued> enqueue(String requestId, Principal user, MatchRequest req, String socketId, Long place) {
    String matchId = UUID.randomUUID().toString();
    JsonObject fields = new JsonObject().put("id", requestId).put("user", user.id()).put("name", user.username())
      .put("topic", req.topic()).put("diff", req.difficulty()).put("lang", req.language() == null ? "" : req.language())
      .put("socket", socketId == null ? "" : socketId).put("task", taskId).put("mid", matchId);
    if (place != null) {
      fields.put("place", place).put("rematchOf", req.rematchOf());
    }
    List<String> keys = List.of(QueueKeys.QUEUES, QueueKeys.user(user.id()), QueueKeys.request(requestId),
      QueueKeys.sockets(requestId), QueueKeys.queue(req.topic(), req.difficulty()), QueueKeys.relaxed(req.topic()));
    return call("enqueue", keys, fields).map(r -> switch (r.get(0).toString()) {
      case "queued" -> new Enqueued.Queued(RequestView.fromReply(r.get(1)));
      case "matching" -> new Enqueued.Paired(requestId, r.get(1).toString());
      default -> new Enqueued.Busy(r.get(1).toString());
    });
  }

  /** Re-attaches a new socket to the user's active request; the view of the current request, or null. */
  public Future<RequestView> attach(String userId, String socketId) {
    return call("attach", List.of(QueueKeys.user(userId)), new JsonObject().put("socket", socketId).put("task", taskId))
      .map(RequestView::fromReply);
  }

  public Future<Void> detach(String requestId, String socketId) {
    return call("detach", requestKeys(requestId), new JsonObject().put("id", requestId).put("socket", socketId))
      .mapEmpty();
  }

  /** The socket's peer missed the heartbeat: a waiting request with no other socket ends at once. */
  public Future<Void> vanish(String requestId, String socketId) {
    return call("vanish", requestKeys(requestId), new JsonObject().put("id", requestId).put("socket", socketId))
      .mapEmpty();
  }

  private static List<String> requestKeys(String requestId) {
    return List.of(QueueKeys.request(requestId), QueueKeys.sockets(requestId));
  }

  /** Those of the requests that no longer exist in Redis (it lost its data). */
  public Future<List<String>> missing(List<String> requestIds) {
    if (requestIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> keys = requestIds.stream().map(QueueKeys::request).toList();
    return call("missing", keys, new JsonObject().put("ids", new JsonArray(new ArrayList<>(requestIds))))
      .map(Replies::strings);
  }

  /** The user's current request, read over REST (which counts as the user being present); null when none. */
  public Future<RequestView> touch(String userId) {
    return call("touch", List.of(QueueKeys.user(userId)), new JsonObject()).map(RequestView::fromReply);
  }

  /** Cancels the user's waiting request; other sockets than {@code socketId} are told. */
  public Future<Cancellation> cancel(String userId, String socketId) {
    JsonObject fields = new JsonObject().put("socket", socketId == null ? "" : socketId);
    return call("cancel", List.of(QueueKeys.user(userId)), fields).map(r -> switch (r.get(0).toString()) {
      case "cancelled" -> new Cancellation.Cancelled(r.get(1).toString());
      case "busy" -> new Cancellation.Busy(r.get(1).toString());
      default -> new Cancellation.NothingWaiting();
    });
  }

  /** Waiting counts per topic and difficulty. */
  public Future<JsonObject> stats() {
    return call("stats", List.of(QueueKeys.QUEUES), new JsonObject()).map(r -> {
      List<JsonObject> queues = new ArrayList<>();
      long total = 0;
      for (int i = 0; i + 1 < r.size(); i += 2) {
        String[] key = r.get(i).toString().split("\\|", 2);
        long n = r.get(i + 1).toLong();
        total += n;
        queues.add(new JsonObject().put("topic", key[0]).put("difficulty", key[1]).put("waiting", n));
      }
      queues.sort(Comparator.<JsonObject, String>comparing(q -> q.getString("topic"))
        .thenComparing(q -> Difficulty.fromLabel(q.getString("difficulty")).ordinal()));
      return new JsonObject().put("total", total).put("queues", new JsonArray(new ArrayList<>(queues)));
    });
  }

  /** Runs the due timeouts, relaxations, retries and ghost checks; the match jobs this task must now run. */
  public Future<List<String>> sweep(int limit) {
    JsonArray mids = new JsonArray();
    for (int i = 0; i < limit; i++) {
      mids.add(UUID.randomUUID().toString());
    }
    return call("sweep", List.of(QueueKeys.QUEUES), new JsonObject().put("limit", limit).put("mids", mids))
      .map(Replies::strings);
  }

  public Future<Pairing> pairing(String matchId) {
    return callMatch("pairing", matchId, new JsonObject()).map(Pairing::fromReply);
  }

  /** Keeps the first question saved for the match; the question to use, or null when the match is gone. */
  public Future<JsonObject> savePick(String matchId, JsonObject question) {
    return callMatch("save_pick", matchId, new JsonObject().put("question", question.encode()))
      .map(r -> r == null ? null : new JsonObject(r.toString()));
  }

  /**
   * Marks both requests matched and tells both users; false when another task did it already. Unless the
   * match is {@code logged} already, its record is kept for a later attempt to write it.
   */
  public Future<Boolean> finish(String matchId, String sessionId, JsonObject frameA, JsonObject frameB,
                                MatchRecord record, boolean logged) {
    JsonObject fields = new JsonObject().put("session", sessionId).put("frameA", frameA.encode())
      .put("frameB", frameB.encode()).put("record", record.toJson().encode()).put("logged", logged);
    return callMatch("finish", matchId, fields).map(r -> r.toInteger() == 1);
  }

  /** Sends both users back to the front of their queues; {@code cause} says why the session could not be made. */
  public Future<Boolean> requeue(String matchId, String cause) {
    return callMatch("requeue", matchId, new JsonObject().put("cause", cause)).map(r -> r.toInteger() == 1);
  }

  public Future<Boolean> fail(String matchId, String code, String detail) {
    return callMatch("fail", matchId, new JsonObject().put("code", code).put("detail", detail))
      .map(r -> r.toInteger() == 1);
  }

  public Future<Void> done(String matchId) {
    return callMatch("done", matchId, new JsonObject()).mapEmpty();
  }

  private Future<Response> callMatch(String function, String matchId, JsonObject fields) {
    return call(function, List.of(QueueKeys.match(matchId)), fields.put("mid", matchId));
  }

  private Future<Response> call(String function, List<String> keys, JsonObject fields) {
    List<String> all = new ArrayList<>(keys.size() + 1);
    all.add(QueueKeys.DUE);
    all.addAll(keys);
    return functions.call(function, all, List.of(clock.millis(), rulesJson, fields.encode()));
  }
}
