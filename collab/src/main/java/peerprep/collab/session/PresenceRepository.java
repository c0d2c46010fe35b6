package peerprep.collab.session;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Replies;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who is connected where: one registered connection per socket (refreshed by its task's heartbeat), and
 * the service-driven clocks built on them: a participant is 'left' after the grace period, a session
 * nobody is connected to is abandoned after it.
 */
public final class PresenceRepository {
  private static final int BATCH = 100;
  /** The most connections one heartbeat call refreshes. */
  static final int TOUCH_CONNECTIONS = 500;
  /** The most sessions one heartbeat call refreshes. */
  static final int TOUCH_SESSIONS = 250;

  private final Redis redis;
  private final RedisFunctions functions;
  private final long graceMs;
  private final long ttlMs;

  public PresenceRepository(Redis redis, long graceMs, long ttlMs) {
    this.redis = redis;
    this.functions = Functions.of(redis);
    this.graceMs = graceMs;
    this.ttlMs = ttlMs;
  }

  /** The user's connection count after joining; -1 unknown session, -2 session no longer active. */
  public Future<Long> join(Connection c) {
    return functions.call("join", keys(c.sessionId()), List.of(c.member(), System.currentTimeMillis(), c.userId(),
        c.sessionId(), Keys.channel(c.sessionId())))
      .map(r -> r.toLong());
  }

  /** The user's remaining connections; -1 when this connection was already removed (by another task). */
  public Future<Long> leave(Connection c) {
    return functions.call("leave", keys(c.sessionId()), List.of(c.member(), System.currentTimeMillis(), c.userId(),
        c.sessionId(), Keys.channel(c.sessionId()), graceMs))
      .map(r -> r.toLong());
  }

  private static List<String> keys(String sessionId) {
    return List.of(Keys.session(sessionId), Keys.CONNECTIONS, Keys.AWAY, Keys.LEAVING);
  }

  /**
   * Refreshes this task's connections and sessions (session id to match id); returns the connections that
   * had been swept away. A task with many sockets refreshes them in several calls, one after another, each
   * with at most {@link #TOUCH_CONNECTIONS} connections and {@link #TOUCH_SESSIONS} sessions, so that no
   * single call holds Redis long while other tasks' edits and messages wait.
   */
  public Future<List<String>> touch(Collection<String> members, Map<String, String> sessions) {
    List<String> connections = List.copyOf(members);
    List<Map.Entry<String, String>> active = List.copyOf(sessions.entrySet());
    return touch(connections, active, 0, new ArrayList<>(), System.currentTimeMillis());
  }

  private Future<List<String>> touch(List<String> members, List<Map.Entry<String, String>> sessions, int part,
                                     List<String> lost, long nowMs) {
    List<String> partMembers = slice(members, part, TOUCH_CONNECTIONS);
    List<Map.Entry<String, String>> partSessions = slice(sessions, part, TOUCH_SESSIONS);
    if (partMembers.isEmpty() && partSessions.isEmpty()) {
      return Future.succeededFuture(lost);
    }
    List<String> keys = new ArrayList<>(List.of(Keys.CONNECTIONS));
    for (Map.Entry<String, String> s : partSessions) {
      keys.addAll(List.of(Keys.session(s.getKey()), Keys.log(s.getKey()), Keys.match(s.getValue())));
    }
    List<Object> args = new ArrayList<>(List.of(nowMs, ttlMs));
    args.addAll(partMembers);
    return functions.call("touch", keys, args).compose(r -> {
      lost.addAll(Replies.strings(r));
      return touch(members, sessions, part + 1, lost, nowMs);
    });
  }

  /** Part {@code part} of {@code all} cut into parts of {@code size}; empty past the end. */
  private static <T> List<T> slice(List<T> all, int part, int size) {
    int from = Math.min(all.size(), part * size);
    return all.subList(from, Math.min(all.size(), from + size));
  }

  /** Connections whose task has not refreshed them since {@code cutoffMs}. */
  public Future<List<Connection>> stale(long cutoffMs) {
    return due(Keys.CONNECTIONS, cutoffMs).map(members -> members.stream().map(Connection::parse).filter(c -> c != null).toList());
  }

  private Future<List<String>> due(String zset, long nowMs) {
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(zset).arg("-inf").arg(nowMs).arg("LIMIT").arg(0).arg(BATCH))
      .map(Replies::strings);
  }

  /** Announces participants whose grace period ran out as left; returns how many were announced. */
  public Future<Long> sweepLeaving() {
    long now = System.currentTimeMillis();
    return due(Keys.LEAVING, now).compose(members -> {
      List<String> keys = new ArrayList<>(List.of(Keys.LEAVING));
      List<Object> args = new ArrayList<>(List.of(now));
      for (String member : members) {
        int bar = member.indexOf('|');
        String sessionId = member.substring(0, Math.max(bar, 0));
        keys.add(Keys.session(sessionId));
        args.addAll(List.of(member, member.substring(bar + 1), Keys.channel(sessionId)));
      }
      return members.isEmpty() ? Future.succeededFuture(0L)
        : functions.call("sweep_leaving", keys, args).map(r -> r.toLong());
    });
  }

  /** Ends sessions nobody came back to as abandoned; returns their ids. */
  public Future<List<String>> sweepAway() {
    Instant now = Instant.now();
    return due(Keys.AWAY, now.toEpochMilli()).compose(ids -> {
      List<String> keys = new ArrayList<>(List.of(Keys.AWAY, Keys.FINALIZE));
      List<Object> args = new ArrayList<>(List.of(now.toEpochMilli(), now.truncatedTo(ChronoUnit.MILLIS).toString()));
      for (String id : ids) {
        keys.addAll(List.of(Keys.session(id), Keys.log(id)));
        args.addAll(List.of(id, Keys.channel(id)));
      }
      return ids.isEmpty() ? Future.succeededFuture(List.<String>of())
        : functions.call("sweep_away", keys, args).map(Replies::strings);
    });
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
