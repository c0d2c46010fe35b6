package peerprep.collab.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import peerprep.collab.run.AttemptRuns;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Replies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The finalization outbox: sessions that ended and whose attempt the history service has not confirmed.
 * Tasks lease due entries, and only a confirmed delivery removes one (and writes the ended-stream entry).
 */
public final class FinalizeRepository {
  private static final int BATCH = 10;
  /** Attempts the history service refused, kept whole for an operator. */
  public static final String DEAD_LETTERS = "collab:dead-letters";

  private final Redis redis;
  private final RedisFunctions functions;
  private final long leaseMs;
  private final long endedTtlMs;

  public FinalizeRepository(Redis redis, long leaseMs, long endedTtlMs) {
    this.redis = redis;
    this.functions = Functions.of(redis);
    this.leaseMs = leaseMs;
    this.endedTtlMs = endedTtlMs;
  }

  /** Due entries, leased to the caller: session id and attempt number (1 for the first). */
  public Future<List<Claim>> claim() {
    long now = System.currentTimeMillis();
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(Keys.FINALIZE).arg("-inf").arg(now).arg("LIMIT").arg(0).arg(BATCH))
      .map(Replies::strings)
      .compose(ids -> ids.isEmpty() ? Future.succeededFuture(List.<Claim>of()) : claim(ids, now));
  }

  private Future<List<Claim>> claim(List<String> ids, long now) {
    List<String> keys = new ArrayList<>(List.of(Keys.FINALIZE));
    ids.forEach(id -> keys.add(Keys.session(id)));
    List<Object> args = new ArrayList<>(List.of(now, leaseMs));
    args.addAll(ids);
    return functions.call("claim", keys, args).map(r -> {
      List<Claim> out = new ArrayList<>();
      for (int i = 0; i + 1 < r.size(); i += 2) {
        out.add(new Claim(r.get(i).toString(), r.get(i + 1).toInteger()));
      }
      return out;
    });
  }

  /** The attempt in the history service's shape, or null when the session is gone. */
  public Future<JsonObject> attempt(String sessionId) {
    return redis.batch(List.of(Request.cmd(Command.HGETALL).arg(Keys.session(sessionId)),
        Request.cmd(Command.LRANGE).arg(Keys.log(sessionId)).arg(0).arg(-1),
        Request.cmd(Command.LRANGE).arg(AttemptRuns.key(sessionId)).arg(0).arg(-1),
        Request.cmd(Command.LRANGE).arg(Keys.languages(sessionId)).arg(0).arg(-1)))
      .map(replies -> {
        var hash = Replies.hash(replies.get(0));
        List<String> log = Replies.strings(replies.get(1));
        int base = Texts.baseVersion(hash);
        Texts.withCurrentText(hash, base < 0 ? List.of() : log.subList(Math.min(base, log.size()), log.size()));
        return hash.containsKey("id") ? toAttempt(Session.fromHash(hash), replies.get(1))
          .put("runs", AttemptRuns.summarize(Replies.strings(replies.get(2))))
          .put("languageSwitches", switches(Replies.strings(replies.get(3)))) : null;
      });
  }

  /** In order of time: two tasks' switches may reach the list in the other order, or by clocks a little apart. */
  private static JsonArray switches(List<String> entries) {
    return new JsonArray(entries.stream().map(JsonObject::new)
      .sorted(Comparator.comparingLong(e -> e.getLong("t"))).map(Object.class::cast).toList());
  }

  private static JsonObject toAttempt(Session s, Response log) {
    JsonArray edits = new JsonArray();
    for (String entry : Replies.strings(log)) {
      JsonObject e = new JsonObject(entry);
      edits.add(new JsonObject().put("v", e.getValue("v")).put("t", e.getValue("t")).put("user", e.getValue("user"))
        .put("changes", e.getValue("changes")));
    }
    return new JsonObject()
      .put("sessionId", s.id())
      .put("participants", new JsonArray(s.participants().stream().map(s::named).toList()))
      .put("question", s.question())
      .put("language", s.codeLanguage())
      .put("code", s.doc())
      .put("startedAt", s.createdAt())
      .put("endedAt", s.endedAt())
      .put("endReason", s.endReason())
      .put("edits", edits);
  }

  /** The history service has the attempt: 1 when this call ended the session, 0 when another had. */
  public Future<Integer> complete(String sessionId) {
    return redis.send(Request.cmd(Command.HGET).arg(Keys.session(sessionId)).arg("matchId"))
      .compose(matchId -> functions.call("complete", List.of(Keys.session(sessionId), Keys.log(sessionId), Keys.FINALIZE,
        Keys.ENDED_STREAM, Keys.match(matchId == null ? "" : matchId.toString())), List.of(sessionId, endedTtlMs)))
      .map(r -> r.toInteger());
  }

  /** Keeps a refused attempt, with the status and detail of the refusal. */
  public Future<Void> deadLetter(String sessionId, int status, String detail, JsonObject attempt) {
    return redis.send(Request.cmd(Command.XADD).arg(DEAD_LETTERS).arg("MAXLEN").arg("~").arg(1_000).arg("*")
      .arg("sessionId").arg(sessionId).arg("status").arg(status).arg("detail").arg(detail)
      .arg("at").arg(System.currentTimeMillis()).arg("attempt").arg(attempt.encode())).mapEmpty();
  }

  /** Schedules the next attempt (only while the entry is still in the outbox). */
  public Future<Void> retryAt(String sessionId, long atMs) {
    return redis.send(Request.cmd(Command.ZADD).arg(Keys.FINALIZE).arg("XX").arg(atMs).arg(sessionId)).mapEmpty();
  }

  public record Claim(String sessionId, int attempt) {
  }
}
