package peerprep.collab.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Sessions in Redis: creation, reads, the atomic append of updates, language and ending. */
public final class SessionRepository {
  private static final LuaScript CREATE = LuaScript.load("create");
  private static final LuaScript PUSH = LuaScript.load("push");
  private static final LuaScript LANGUAGE = LuaScript.load("language");
  private static final LuaScript END = LuaScript.load("end");
  private static final LuaScript NAME = LuaScript.load("name");

  private final Redis redis;
  private final long ttlMs;
  private final long graceMs;

  public SessionRepository(Redis redis, long ttlMs, long graceMs) {
    this.redis = redis;
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
      "version", text.isEmpty() ? 0 : 1, "doc", text, "language", s.language(), "question", s.question().encode(),
      "participants", Participant.toJson(s.participants()).encode(), "starterCode", s.starterCodeJson().encode(),
      "createdAt", createdAt, "online", 0, "logBytes", firstEntry.getBytes(StandardCharsets.UTF_8).length));
    List<String> keys = new ArrayList<>(List.of(Keys.match(s.matchId()), Keys.session(sessionId), Keys.AWAY, Keys.log(sessionId)));
    for (Participant p : s.participants()) {
      args.addAll(List.of("user:" + p.id(), p.toJson().encode(), "online:" + p.id(), 0));
      keys.add(Keys.userSessions(p.id()));
    }
    return CREATE.run(redis, keys, args)
      .map(r -> new Created(r.get(0).toString(), r.get(1).toInteger() == 1, r.get(2).toString(), r.get(3).toString()));
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
    return redis.send(Request.cmd(Command.HGETALL).arg(Keys.session(id)))
      .map(Replies::hash)
      .map(h -> h.containsKey("id") ? Session.fromHash(h) : null);
  }

  /** Status, version and text in one read, for checking a push. */
  public Future<Head> head(String id) {
    return redis.send(Request.cmd(Command.HMGET).arg(Keys.session(id)).arg("status").arg("version").arg("doc"))
      .map(r -> r.get(0) == null ? null
        : new Head(r.get(0).toString(), Integer.parseInt(r.get(1).toString()), r.get(2) == null ? "" : r.get(2).toString()));
  }

  /** Appends the entries if the session is still at {@code expected}; see push.lua for the outcomes. */
  public Future<Appended> append(String id, Append a) {
    List<Object> args = new ArrayList<>(List.of(a.expected(), a.newDoc(), a.newDoc().length(), a.maxDocChars(),
      a.maxEdits(), a.maxLogBytes(), ttlMs, Keys.channel(id), a.envelope()));
    args.addAll(a.entries());
    return PUSH.run(redis, List.of(Keys.session(id), Keys.log(id)), args)
      .map(r -> new Appended(r.get(0).toString(), r.get(1).toInteger()));
  }

  /** Log entries from version {@code from} (inclusive) to the end. */
  public Future<List<String>> log(String id, int from) {
    return redis.send(Request.cmd(Command.LRANGE).arg(Keys.log(id)).arg(from).arg(-1)).map(Replies::strings);
  }

  /**
   * 1 when switched, 0 when the session is no longer active, -1 when it does not exist. A switch is kept
   * for the attempt's replay with the language and version read just before it.
   */
  public Future<Integer> language(String id, String language, String userId, String envelope) {
    return redis.send(Request.cmd(Command.HMGET).arg(Keys.session(id)).arg("language").arg("version"))
      .compose(before -> LANGUAGE.run(redis, List.of(Keys.session(id)), List.of(language, Keys.channel(id), envelope))
        .compose(r -> r.toInteger() != 1 ? Future.succeededFuture(r.toInteger())
          : keepSwitch(id, before, language, userId).map(1)));
  }

  private Future<Void> keepSwitch(String id, Response before, String language, String userId) {
    String entry = new JsonObject().put("t", System.currentTimeMillis()).put("v", Replies.number(before.get(1)))
      .put("user", userId).put("from", Replies.string(before.get(0))).put("language", language).encode();
    return redis.batch(List.of(Request.cmd(Command.RPUSH).arg(Keys.languages(id)).arg(entry),
      Request.cmd(Command.PEXPIRE).arg(Keys.languages(id)).arg(ttlMs))).mapEmpty();
  }

  /** 1 for the caller that ended the session, 0 when it had ended already, -1 when it does not exist. */
  public Future<Integer> end(String id, String reason, Instant now, String envelope) {
    return END.run(redis, List.of(Keys.session(id), Keys.log(id), Keys.FINALIZE, Keys.AWAY),
        List.of(id, now.toEpochMilli(), now.truncatedTo(ChronoUnit.MILLIS).toString(), reason, Keys.channel(id), envelope))
      .map(r -> r.toInteger());
  }

  /** Sets how the user is shown to their partner ('' clears it); false when the session does not exist. */
  public Future<Boolean> displayName(String id, String userId, String name) {
    return NAME.run(redis, List.of(Keys.session(id)), List.of(userId, name)).map(r -> r.toInteger() == 1);
  }

  /** Sends a message to every socket of the session, on every task, without storing it. */
  public Future<Void> publish(String id, String envelope) {
    return redis.send(Request.cmd(Command.PUBLISH).arg(Keys.channel(id)).arg(envelope)).mapEmpty();
  }

  public record Created(String sessionId, boolean created, String status, String createdAt) {
  }

  public record Head(String status, int version, String doc) {
  }

  /** A push ready for the script: the text it produces, its log entries and the envelope to publish. */
  public record Append(int expected, String newDoc, List<String> entries, String envelope, int maxDocChars,
                       int maxEdits, int maxLogBytes) {
  }

  /** {@code outcome}: ok, conflict, ended, missing, too-large or full; {@code version} after it. */
  public record Appended(String outcome, int version) {
  }
}
