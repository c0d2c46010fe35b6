package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every Redis command about a session's messages, presence and end, with the key layout in one place. */
final class ChatRepository {
  private static final RedisScript SEND = RedisScript.load("lua/send.lua");
  private static final RedisScript LEAVE = RedisScript.load("lua/leave.lua");
  private static final RedisScript SWEEP = RedisScript.load("lua/sweep.lua");
  private static final String PRESENCE_INDEX = "chat:presence";
  /** Deliveries the history service refused, one stream entry each, for an operator to look at. */
  static final String DEAD_LETTERS = "chat:dead-letters";
  private static final int SWEEP_BATCH = 500;
  private static final long RATE_WINDOW_MS = 10_000;
  private static final int PAGE = 500;
  private final CommandConnection redis;
  private final ChatConfig config;

  ChatRepository(CommandConnection redis, ChatConfig config) {
    this.redis = redis;
    this.config = config;
  }

  static String stream(String sessionId) {
    return "chat:s:" + sessionId;
  }

  static String channel(String sessionId) {
    return "chat:ch:" + sessionId;
  }

  static String endedMarker(String sessionId) {
    return "chat:ended:" + sessionId;
  }

  private static String presence(String sessionId) {
    return "chat:p:" + sessionId;
  }

  /** Set while the session is known to chat; with its stream gone too, the session no longer exists. */
  static String sessionMarker(String sessionId) {
    return "chat:live:" + sessionId;
  }

  /** The presence index entry of one connection: what the sweep needs to announce it left. */
  private static String indexEntry(String sessionId, String member, String username) {
    return sessionId + "|" + member + "|" + username;
  }

  /** Stores the message and publishes it, unless the session ended or the sender is over the rate. */
  Future<SendOutcome> send(String sessionId, String user, String username, String text) {
    return SEND.run(redis::send,
      List.of(stream(sessionId), endedMarker(sessionId), "chat:rl:" + user, sessionMarker(sessionId)),
      List.of(String.valueOf(config.maxMessages()), user, username, text,
        String.valueOf(config.maxMessagesPer10s()), String.valueOf(RATE_WINDOW_MS), channel(sessionId),
        String.valueOf(config.retentionSeconds())))
      .map(SendOutcome::fromScript);
  }

  /** The newest {@code count} messages, oldest first; trimming is approximate, so the stream may hold a few more. */
  Future<List<ChatMessage>> recent(String sessionId, int count) {
    return redis.send(Request.cmd(Command.XREVRANGE).arg(stream(sessionId)).arg("+").arg("-").arg("COUNT").arg(count))
      .map(r -> {
        List<ChatMessage> newestFirst = messages(r);
        Collections.reverse(newestFirst);
        return newestFirst;
      });
  }

  /** Up to {@code count} messages strictly after {@code afterId}, oldest first. */
  Future<List<ChatMessage>> after(String sessionId, String afterId, int count) {
    return redis.send(Request.cmd(Command.XRANGE).arg(stream(sessionId)).arg("(" + afterId).arg("+").arg("COUNT").arg(count))
      .map(ChatRepository::messages);
  }

  /** Every message after {@code afterId}, read in pages: trimming is approximate, so the stream may exceed its cap. */
  Future<List<ChatMessage>> allAfter(String sessionId, String afterId) {
    return after(sessionId, afterId, PAGE).compose(page -> {
      if (page.size() < PAGE) {
        return Future.succeededFuture(page);
      }
      return allAfter(sessionId, page.get(page.size() - 1).id()).map(rest -> {
        List<ChatMessage> all = new ArrayList<>(page);
        all.addAll(rest);
        return all;
      });
    });
  }

  Future<Boolean> isEnded(String sessionId) {
    return redis.send(Request.cmd(Command.EXISTS).arg(endedMarker(sessionId))).map(r -> r.toInteger() == 1);
  }

  Future<Void> publish(String sessionId, JsonObject event) {
    return redis.send(Request.cmd(Command.PUBLISH).arg(channel(sessionId)).arg(event.encode())).mapEmpty();
  }

  /** Refuses further messages from every task and lets the session's keys expire after the retention. */
  Future<Void> markEnded(String sessionId) {
    String ttl = String.valueOf(config.retentionSeconds());
    return redis.batch(List.of(
      Request.cmd(Command.SET).arg(endedMarker(sessionId)).arg("1").arg("EX").arg(ttl),
      Request.cmd(Command.EXPIRE).arg(stream(sessionId)).arg(ttl),
      Request.cmd(Command.DEL).arg(presence(sessionId)))).mapEmpty();
  }

  /**
   * Adds a connection to the presence set and the presence index, and marks the session as known; the
   * answer holds the users connected now and whether the session ended.
   */
  Future<JoinSnapshot> join(String sessionId, String member, String username, long nowMs) {
    String key = presence(sessionId);
    long expiry = nowMs + config.presenceTtlMs();
    return redis.batch(List.of(
      Request.cmd(Command.ZADD).arg(key).arg(expiry).arg(member),
      Request.cmd(Command.PEXPIRE).arg(key).arg(2 * config.presenceTtlMs()),
      Request.cmd(Command.ZRANGEBYSCORE).arg(key).arg(nowMs).arg("+inf"),
      Request.cmd(Command.EXISTS).arg(endedMarker(sessionId)),
      Request.cmd(Command.ZADD).arg(PRESENCE_INDEX).arg(expiry).arg(indexEntry(sessionId, member, username)),
      Request.cmd(Command.SET).arg(sessionMarker(sessionId)).arg("1").arg("EX").arg(config.retentionSeconds())))
      .map(r -> new JoinSnapshot(users(r.get(2)), r.get(3).toInteger() == 1));
  }

  /** Keeps the given connections' presence alive; ones of a crashed task lapse after the TTL and are swept. */
  Future<Void> refresh(List<PresenceEntry> entries, long nowMs) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    long expiry = nowMs + config.presenceTtlMs();
    List<Request> batch = new ArrayList<>();
    for (PresenceEntry e : entries) {
      String key = presence(e.sessionId());
      batch.add(Request.cmd(Command.ZADD).arg(key).arg("XX").arg(expiry).arg(e.member()));
      batch.add(Request.cmd(Command.PEXPIRE).arg(key).arg(2 * config.presenceTtlMs()));
      batch.add(Request.cmd(Command.ZADD).arg(PRESENCE_INDEX).arg(expiry)
        .arg(indexEntry(e.sessionId(), e.member(), e.username())));
    }
    return redis.batch(batch).mapEmpty();
  }

  /** Removes a connection; true when its user is still connected through another one. */
  Future<Boolean> leave(String sessionId, String member, String user, String username, long nowMs) {
    return LEAVE.run(redis::send, List.of(presence(sessionId), PRESENCE_INDEX),
        List.of(member, user, String.valueOf(nowMs), indexEntry(sessionId, member, username)))
      .map(r -> r.toInteger() == 1);
  }

  /** Records a transcript the history service refused; the session's messages stay until their retention ends. */
  Future<Void> deadLetter(String sessionId, int status, String detail) {
    return redis.send(Request.cmd(Command.XADD).arg(DEAD_LETTERS).arg("MAXLEN").arg("~").arg(10_000).arg("*")
      .arg("sessionId").arg(sessionId).arg("status").arg(status).arg("detail").arg(detail)
      .arg("at").arg(System.currentTimeMillis())).mapEmpty();
  }

  /** Removes lapsed presence entries of any task and announces "left" for users with no connection left. */
  Future<Integer> sweepPresence(long nowMs) {
    return SWEEP.run(redis::send, List.of(PRESENCE_INDEX), List.of(String.valueOf(nowMs), String.valueOf(SWEEP_BATCH)))
      .map(Response::toInteger);
  }

  private static List<ChatMessage> messages(Response r) {
    List<ChatMessage> out = new ArrayList<>();
    if (r != null) {
      for (Response entry : r) {
        out.add(ChatMessage.fromEntry(entry));
      }
    }
    return out;
  }

  private static Set<String> users(Response members) {
    Set<String> out = new LinkedHashSet<>();
    for (Response m : members) {
      String s = m.toString();
      out.add(s.substring(0, s.indexOf('|')));
    }
    return out;
  }

  /** What the send script decided. */
  record SendOutcome(String status, String id, long retryAfterMs) {
    static SendOutcome fromScript(Response r) {
      String status = r.get(0).toString();
      return switch (status) {
        case "ok" -> new SendOutcome(status, r.get(1).toString(), 0);
        case "rate_limited" -> new SendOutcome(status, null, Long.parseLong(r.get(1).toString()));
        default -> new SendOutcome(status, null, 0);
      };
    }
  }

  /** One connection whose presence this task keeps alive. */
  record PresenceEntry(String sessionId, String member, String username) {
  }

  /** The presence and end state a joining socket starts from. */
  record JoinSnapshot(Set<String> online, boolean ended) {
  }
}
