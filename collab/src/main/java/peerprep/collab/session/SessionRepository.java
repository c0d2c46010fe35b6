package peerprep.collab.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Replies;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Sessions in Redis: creation, reads, the atomic append of updates, language and ending. */
public final class SessionRepository {
  private final Redis redis;
  private final RedisFunctions functions;
  private final long ttlMs;
  private final long graceMs;

  public SessionRepository(Redis redis, long ttlMs, long graceMs) {
    this.redis = redis;
    this.functions = Functions.of(redis);
    this.ttlMs = ttlMs;
    this.graceMs = graceMs;
  }

  /**
   * The session of the match, created now unless it already exists. With starter code for its language
   * the text starts as that code, written as the log's first entry so that a replay starts from it too.
   */
  public Future<Created> create(NewSession s, String sessionId, Instant now) {
    String createdAt = now.truncatedTo(ChronoUnit.MILLIS).toString();
    String text = s.initialText();
    String firstEntry = text.isEmpty() ? "" : StarterEntry.of(text, now.toEpochMilli());
    List<Object> args = new ArrayList<>(List.of(sessionId, ttlMs, now.toEpochMilli() + graceMs, epochMicros(now), firstEntry));
    args.addAll(List.of("id", sessionId, "matchId", s.matchId(), "status", Session.ACTIVE,
      "version", text.isEmpty() ? 0 : 1, "base", text, "baseVersion", text.isEmpty() ? 0 : 1, "language", s.language(), "question", s.question().encode(),
      "participants", Participant.toJson(s.participants()).encode(), "starterCode", s.starterCodeJson().encode(),
      "createdAt", createdAt, "online", 0, "logBytes", firstEntry.getBytes(StandardCharsets.UTF_8).length));
    List<String> keys = new ArrayList<>(List.of(Keys.match(s.matchId()), Keys.session(sessionId), Keys.AWAY, Keys.log(sessionId)));
    for (Participant p : s.participants()) {
      args.addAll(List.of("user:" + p.id(), p.toJson().encode(), "online:" + p.id(), 0));
      keys.add(Keys.userSessions(p.id()));
    }
    return functions.call("create", keys, args).compose(r -> {
      String id = r.get(0).toString();
      if (r.get(1).toInteger() == 1) {
        return Future.succeededFuture(new Created(id, true, Session.ACTIVE, createdAt));
      }
      return redis.send(Request.cmd(Command.HMGET).arg(Keys.session(id)).arg("status").arg("createdAt"))
        .map(found -> new Created(id, false, Replies.string(found.get(0)), Replies.string(found.get(1))));
    });
  }

  private static long epochMicros(Instant now) {
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  /** The ids of the user's latest sessions, newest first (active or not; a session's own record says). */
  public Future<List<String>> latestOf(String userId) {
    return redis.send(Request.cmd(Command.ZRANGE).arg(Keys.userSessions(userId)).arg(0).arg(-1).arg("REV"))
      .map(Replies::strings);
  }

  /** The session, or null when there is none with this id. */
  public Future<Session> find(String id) {
    return functions.call("read", List.of(Keys.session(id), Keys.log(id)), List.of()).map(SessionRepository::session);
  }

  private static Session session(Response r) {
    var hash = Replies.hash(r.get(0));
    return hash.containsKey("id") ? Session.fromHash(Texts.withCurrentText(hash, Replies.strings(r.get(1)))) : null;
  }

  /**
   * Appends the entries if the session is still at {@code expected}, in one call carrying only the change
   * (and, when the push passes a checkpoint, the text it produces); see the push function for the outcomes.
   */
  public Future<Appended> append(String id, Append a) {
    boolean checkpoint = Texts.checkpoint(a.expected(), a.expected() + a.entries().size());
    List<Object> args = new ArrayList<>(List.of(a.expected(), a.maxEdits(), a.maxLogBytes(), ttlMs, Keys.channel(id),
      a.envelope(), checkpoint ? "1" : "0", checkpoint ? a.newDoc() : "", a.maxMissing()));
    args.addAll(a.entries());
    return functions.call("push", List.of(Keys.session(id), Keys.log(id)), args).map(SessionRepository::appended);
  }

  private static Appended appended(Response r) {
    List<String> missing = new ArrayList<>();
    for (int i = 2; i < r.size(); i++) {
      missing.add(r.get(i).toString());
    }
    return new Appended(r.get(0).toString(), r.get(1).toInteger(), missing);
  }

  /** Log entries from version {@code from} (inclusive) to the end. */
  public Future<List<String>> log(String id, int from) {
    return redis.send(Request.cmd(Command.LRANGE).arg(Keys.log(id)).arg(from).arg(-1)).map(Replies::strings);
  }

  /**
   * 1 when switched, 0 when the session is no longer active, -1 when it does not exist. The switch is kept
   * for the attempt's replay with the language and version it switched from, in the same step.
   */
  public Future<Integer> language(String id, String language, String userId, String envelope) {
    return functions.call("language", List.of(Keys.session(id), Keys.languages(id)),
        List.of(language, Keys.channel(id), envelope, userId, System.currentTimeMillis(), ttlMs))
      .map(r -> r.toInteger());
  }

  /** 1 for the caller that ended the session, 0 when it had ended already, -1 when it does not exist. */
  public Future<Integer> end(String id, String reason, Instant now, String envelope) {
    return functions.call("end", List.of(Keys.session(id), Keys.log(id), Keys.FINALIZE, Keys.AWAY),
        List.of(id, now.toEpochMilli(), now.truncatedTo(ChronoUnit.MILLIS).toString(), reason, Keys.channel(id), envelope))
      .map(r -> r.toInteger());
  }

  /** Sets how the user is shown to their partner ('' clears it); false when the session does not exist. */
  public Future<Boolean> displayName(String id, String userId, String name) {
    return functions.call("name", List.of(Keys.session(id)), List.of(userId, name)).map(r -> r.toInteger() == 1);
  }

  /** Sends a message to every socket of the session, on every task, without storing it. */
  public Future<Void> publish(String id, String envelope) {
    return redis.send(Request.cmd(Command.PUBLISH).arg(Keys.channel(id)).arg(envelope)).mapEmpty();
  }

  /**
   * Deletes every key of a session that was never real (the start-up warm-up's) and its entries in the
   * shared sets, so no sweep, heartbeat or finalization ever sees it.
   */
  public Future<Void> forget(String id, String matchId, List<String> users) {
    Request del = Request.cmd(Command.DEL).arg(Keys.session(id)).arg(Keys.log(id)).arg(Keys.languages(id))
      .arg(Keys.match(matchId));
    Request leaving = Request.cmd(Command.ZREM).arg(Keys.LEAVING);
    for (String user : users) {
      del.arg(Keys.userSessions(user));
      leaving.arg(id + "|" + user);
    }
    return redis.batch(List.of(del, leaving, Request.cmd(Command.ZREM).arg(Keys.AWAY).arg(id),
      Request.cmd(Command.ZREM).arg(Keys.FINALIZE).arg(id))).mapEmpty();
  }

  public record Created(String sessionId, boolean created, String status, String createdAt) {
  }

  /**
   * A push ready for the function: the text it produces, its log entries, the envelope to publish, and on
   * a conflict how many of the entries the caller missed to return at most.
   */
  public record Append(int expected, String newDoc, List<String> entries, String envelope, int maxEdits,
                       int maxLogBytes, int maxMissing) {
  }

  /**
   * {@code outcome}: ok, conflict, ended, missing or full; {@code version} after it; on a conflict the log
   * entries after the expected version.
   */
  public record Appended(String outcome, int version, List<String> missing) {
  }
}
