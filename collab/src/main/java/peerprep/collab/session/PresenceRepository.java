package peerprep.collab.session;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who is connected where: one registered connection per socket (refreshed by its task's heartbeat), and
 * the service-driven clocks built on them: a participant is 'left' after the grace period, a session
 * nobody is connected to is abandoned after it.
 */
public final class PresenceRepository {
  private static final LuaScript JOIN = LuaScript.load("join");
  private static final LuaScript LEAVE = LuaScript.load("leave");
  private static final LuaScript TOUCH = LuaScript.load("touch");
  private static final LuaScript SWEEP_LEAVING = LuaScript.load("sweep_leaving");
  private static final LuaScript SWEEP_AWAY = LuaScript.load("sweep_away");
  private static final int BATCH = 100;

  private final Redis redis;
  private final long graceMs;
  private final long ttlMs;

  public PresenceRepository(Redis redis, long graceMs, long ttlMs) {
    this.redis = redis;
    this.graceMs = graceMs;
    this.ttlMs = ttlMs;
  }

  /** The user's connection count after joining; -1 unknown session, -2 session no longer active. */
  public Future<Long> join(Connection c) {
    return JOIN.run(redis, keys(c.sessionId()), List.of(c.member(), System.currentTimeMillis(), c.userId(),
        c.sessionId(), Keys.channel(c.sessionId())))
      .map(r -> r.toLong());
  }

  /** The user's remaining connections; -1 when this connection was already removed (by another task). */
  public Future<Long> leave(Connection c) {
    return LEAVE.run(redis, keys(c.sessionId()), List.of(c.member(), System.currentTimeMillis(), c.userId(),
        c.sessionId(), Keys.channel(c.sessionId()), graceMs))
      .map(r -> r.toLong());
  }

  private static List<String> keys(String sessionId) {
    return List.of(Keys.session(sessionId), Keys.CONNECTIONS, Keys.AWAY, Keys.LEAVING);
  }

  /** Refreshes this task's connections and sessions; returns the connections that had been swept away. */
  public Future<List<String>> touch(Collection<String> members, Collection<String> sessionIds) {
    List<Object> args = new ArrayList<>(List.of(System.currentTimeMillis(), ttlMs, members.size()));
    args.addAll(members);
    args.addAll(sessionIds);
    return TOUCH.run(redis, List.of(Keys.CONNECTIONS), args).map(Replies::strings);
  }

  /** Connections whose task has not refreshed them since {@code cutoffMs}. */
  public Future<List<Connection>> stale(long cutoffMs) {
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(Keys.CONNECTIONS).arg("-inf").arg(cutoffMs)
        .arg("LIMIT").arg(0).arg(BATCH))
      .map(r -> Replies.strings(r).stream().map(Connection::parse).filter(c -> c != null).toList());
  }

  /** Announces participants whose grace period ran out as left; returns how many were due. */
  public Future<Long> sweepLeaving() {
    return SWEEP_LEAVING.run(redis, List.of(Keys.LEAVING), List.of(System.currentTimeMillis(), BATCH)).map(r -> r.toLong());
  }

  /** Ends sessions nobody came back to as abandoned; returns their ids. */
  public Future<List<String>> sweepAway() {
    Instant now = Instant.now();
    return SWEEP_AWAY.run(redis, List.of(Keys.AWAY, Keys.FINALIZE),
        List.of(now.toEpochMilli(), BATCH, now.truncatedTo(ChronoUnit.MILLIS).toString()))
      .map(Replies::strings);
  }

  /** One socket's registration: {@code <session>|<user>|<connection>}. */
  public record Connection(String sessionId, String userId, String connectionId) {
    public String member() {
      return sessionId + "|" + userId + "|" + connectionId;
    }

    public static Connection parse(String member) {
      String[] parts = member.split("\\|", -1);
      return parts.length == 3 ? new Connection(parts[0], parts[1], parts[2]) : null;
    }
  }
}
