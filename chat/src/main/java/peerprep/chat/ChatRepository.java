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

  /** Stores the message and publishes it, unless the session ended or the sender is over the rate. */
  Future<SendOutcome> send(String sessionId, String user, String username, String text) {
    return SEND.run(redis::send,
      List.of(stream(sessionId), endedMarker(sessionId), "chat:rl:" + user),
      List.of(String.valueOf(config.maxMessages()), user, username, text,
        String.valueOf(config.maxMessagesPer10s()), String.valueOf(RATE_WINDOW_MS), channel(sessionId)))
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

  /** Adds a connection to the presence set; the answer holds the users connected now and whether the session ended. */
  Future<JoinSnapshot> join(String sessionId, String member, long nowMs) {
    String key = presence(sessionId);
    return redis.batch(List.of(
      Request.cmd(Command.ZADD).arg(key).arg(nowMs + config.presenceTtlMs()).arg(member),
      Request.cmd(Command.PEXPIRE).arg(key).arg(2 * config.presenceTtlMs()),
      Request.cmd(Command.ZRANGEBYSCORE).arg(key).arg(nowMs).arg("+inf"),
      Request.cmd(Command.EXISTS).arg(endedMarker(sessionId))))
      .map(r -> new JoinSnapshot(users(r.get(2)), r.get(3).toInteger() == 1));
  }

  /** Keeps the given connections' presence alive; ones of a crashed task lapse after the TTL. */
  Future<Void> refresh(List<String[]> sessionAndMember, long nowMs) {
    if (sessionAndMember.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Request> batch = new ArrayList<>();
    for (String[] sm : sessionAndMember) {
      String key = presence(sm[0]);
      batch.add(Request.cmd(Command.ZADD).arg(key).arg("XX").arg(nowMs + config.presenceTtlMs()).arg(sm[1]));
      batch.add(Request.cmd(Command.PEXPIRE).arg(key).arg(2 * config.presenceTtlMs()));
    }
    return redis.batch(batch).mapEmpty();
  }

  /** Removes a connection; true when its user is still connected through another one. */
  Future<Boolean> leave(String sessionId, String member, String user, long nowMs) {
    return LEAVE.run(redis::send, List.of(presence(sessionId)), List.of(member, user, String.valueOf(nowMs)))
      .map(r -> r.toInteger() == 1);
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

  /** The presence and end state a joining socket starts from. */
  record JoinSnapshot(Set<String> online, boolean ended) {
  }
}
