package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import peerprep.common.auth.Principal;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Replies;
import peerprep.common.redis.TurnBatcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every Redis command about a session's messages, presence and end, with the key layout in one place. */
final class ChatRepository {
  private static final String PRESENCE_INDEX = "chat:presence";
  /** Deliveries the history service refused, one stream entry each, for an operator to look at. */
  static final String DEAD_LETTERS = "chat:dead-letters";
  private static final int SWEEP_BATCH = 500;
  private static final long RATE_WINDOW_MS = 10_000;
  private static final int PAGE = 500;
  /**
   * The most commands one batch carries: the command connection accepts 32,768 waiting replies, and a
   * presence refresh of a task holding many sockets is cut into batches well below that.
   */
  static final int MAX_BATCH = 3_000;
  /** The most messages one {@code FCALL send} carries. */
  static final int MAX_SEND_BATCH = 256;
  /**
   * How long a socket goes on sending before it sets its stream's expiry again; the expiry it sets is the
   * retention and this much more, so a stream outlives its last message by at least the retention.
   */
  static final long EXPIRY_REFRESH_MS = 60_000;
  private final CommandConnection redis;
  private final RedisFunctions functions;
  private final ChatConfig config;
  private final TurnBatcher<Outgoing, Response> sends = new TurnBatcher<>(MAX_SEND_BATCH, this::store);

  /** A repository belongs to one event loop: the messages it is asked to store in one turn are stored together. */
  ChatRepository(CommandConnection redis, RedisFunctions functions, ChatConfig config) {
    this.redis = redis;
    this.functions = functions;
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

  /** A user's token bucket for the message rate: "{@code <tokens> <epoch ms>}", gone after a window idle. */
  static String rateBucket(String userId) {
    return "chat:rate:" + userId;
  }

  /** Set while the session is known to chat; with its stream gone too, the session no longer exists. */
  static String sessionMarker(String sessionId) {
    return "chat:live:" + sessionId;
  }

  /** The presence index entry of one connection: what the sweep needs to announce it left. */
  private static String indexEntry(String sessionId, String member, String username) {
    return sessionId + "|" + member + "|" + username;
  }

  /**
   * The start of a message frame from {@code sender}, up to its text; {@code redis/chat.lua} completes it
   * with the id and time, so the frame is encoded once, by the sending task.
   */
  static String frameHead(Principal sender) {
    return "{\"type\":\"message\",\"user\":" + Json.encode(sender.id()) + ",\"username\":"
      + Json.encode(sender.username()) + ",\"text\":";
  }

  /**
   * Stores the message and publishes it, unless the session ended or the sender is over the rate; the
   * published event names the sending connection and the client's id, so that connection acknowledges it
   * in stream order. The messages an event loop is asked to store in one turn go to Redis in one call
   * ({@link TurnBatcher}), each decided on its own; calls go out on one connection in the order made, so a
   * socket's messages are stored in order however many are in flight.
   *
   * @param setExpiry whether storing also sets the stream's expiry (retention plus {@link #EXPIRY_REFRESH_MS});
   *                  a socket asks for it with its first message and then at most once per that interval
   */
  Future<SendOutcome> send(String sessionId, Principal sender, String frameHead, String connection, String text,
                           String clientMsgId, boolean setExpiry) {
    return sends.add(new Outgoing(sessionId, sender, frameHead, connection, text, clientMsgId, setExpiry))
      .compose(SendOutcome::fromReply);
  }

  /** One {@code FCALL send} for a batch of messages: per message four keys and eight arguments. */
  private Future<List<Response>> store(List<Outgoing> batch) {
    List<String> keys = new ArrayList<>(4 * batch.size());
    List<Object> args = new ArrayList<>(4 + 8 * batch.size());
    args.addAll(List.of(config.maxMessages(), config.maxMessagesPer10s(), RATE_WINDOW_MS,
      config.retentionSeconds() + EXPIRY_REFRESH_MS / 1000));
    for (Outgoing m : batch) {
      keys.addAll(List.of(stream(m.sessionId()), endedMarker(m.sessionId()), rateBucket(m.sender().id()),
        sessionMarker(m.sessionId())));
      args.addAll(List.of(m.sender().id(), m.sender().username(), m.text(), channel(m.sessionId()), m.connection(),
        m.frameHead() + Json.encode(m.text()), Json.encode(m.clientMsgId()), m.setExpiry() ? "1" : "0"));
    }
    return functions.call(redis::send, "send", keys, args).map(r -> {
      List<Response> replies = new ArrayList<>(r.size());
      r.forEach(replies::add);
      return replies;
    });
  }

  /** The same storage with the per-user message rate lifted, for the start-up warm-up's made-up users. */
  ChatRepository withoutRateLimit() {
    return new ChatRepository(redis, functions, config.withMessagesPer10s(Integer.MAX_VALUE));
  }

  /** Deletes every key of a session and the rate counters of its users: for a session that was never real. */
  Future<Void> forget(String sessionId, List<String> users) {
    Request del = Request.cmd(Command.DEL).arg(stream(sessionId)).arg(presence(sessionId)).arg(sessionMarker(sessionId))
      .arg(endedMarker(sessionId));
    users.forEach(user -> del.arg(rateBucket(user)));
    return redis.send(del).mapEmpty();
  }

  /** Loads the chat's Redis functions; the service is ready only once they are there. */
  Future<Void> loadFunctions() {
    return functions.load().mapEmpty();
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

  /** Publishes typing or presence of {@code user} to every task serving the session. */
  Future<Void> publishAbout(String sessionId, String user, ServerFrame frame) {
    return publish(sessionId, ChatEvent.about(user, frame));
  }

  /** Tells every task serving the session that it ended. */
  Future<Void> publishEnded(String sessionId) {
    return publish(sessionId, ChatEvent.ended(new ServerFrame.Ended(sessionId)));
  }

  private Future<Void> publish(String sessionId, String payload) {
    return redis.send(Request.cmd(Command.PUBLISH).arg(channel(sessionId)).arg(payload)).mapEmpty();
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

  /**
   * Keeps the given connections' presence alive; ones of a crashed task lapse after the TTL and are swept.
   * Sent in batches of at most {@link #MAX_BATCH} commands, one after another: per connection its session's
   * set and that set's expiry, and one {@code ZADD} of the whole batch's index entries.
   */
  Future<Void> refresh(List<PresenceEntry> entries, long nowMs) {
    long expiry = nowMs + config.presenceTtlMs();
    List<Request> all = new ArrayList<>();
    int perBatch = (MAX_BATCH - 1) / 2;
    for (int from = 0; from < entries.size(); from += perBatch) {
      Request index = Request.cmd(Command.ZADD).arg(PRESENCE_INDEX);
      for (PresenceEntry e : entries.subList(from, Math.min(entries.size(), from + perBatch))) {
        String key = presence(e.sessionId());
        all.add(Request.cmd(Command.ZADD).arg(key).arg("XX").arg(expiry).arg(e.member()));
        all.add(Request.cmd(Command.PEXPIRE).arg(key).arg(2 * config.presenceTtlMs()));
        index.arg(expiry).arg(indexEntry(e.sessionId(), e.member(), e.username()));
      }
      all.add(index);
    }
    return batches(all, 0);
  }

  private Future<Void> batches(List<Request> all, int from) {
    if (from >= all.size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(all.size(), from + MAX_BATCH);
    return redis.batch(all.subList(from, to)).compose(r -> batches(all, to));
  }

  /** Removes a connection; true when its user is still connected through another one. */
  Future<Boolean> leave(String sessionId, String member, String user, String username, long nowMs) {
    return functions.call(redis::send, "leave", List.of(presence(sessionId), PRESENCE_INDEX),
        List.of(member, user, nowMs, indexEntry(sessionId, member, username)))
      .map(r -> r.toInteger() == 1);
  }

  /** Records a transcript the history service refused; the session's messages stay until their retention ends. */
  Future<Void> deadLetter(String sessionId, int status, String detail) {
    return redis.send(Request.cmd(Command.XADD).arg(DEAD_LETTERS).arg("MAXLEN").arg("~").arg(10_000).arg("*")
      .arg("sessionId").arg(sessionId).arg("status").arg(status).arg("detail").arg(detail)
      .arg("at").arg(System.currentTimeMillis())).mapEmpty();
  }

  /**
   * Removes lapsed presence entries of any task and announces "left" for users with no connection left:
   * reads up to {@link #SWEEP_BATCH} lapsed index entries, then lapses each in one function call that
   * names the session's presence set among its keys.
   */
  Future<Integer> sweepPresence(long nowMs) {
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(PRESENCE_INDEX).arg("-inf").arg("(" + nowMs)
        .arg("LIMIT").arg(0).arg(SWEEP_BATCH))
      .compose(r -> {
        List<Future<Response>> calls = new ArrayList<>();
        for (String entry : Replies.strings(r)) {
          Lapsed lapsed = Lapsed.parse(entry);
          if (lapsed != null) {
            calls.add(functions.call(redis::send, "lapse", List.of(PRESENCE_INDEX, presence(lapsed.sessionId())),
              List.of(nowMs, entry, lapsed.member(), lapsed.user(), channel(lapsed.sessionId()),
                ChatEvent.about(lapsed.user(), new ServerFrame.Presence(lapsed.user(), lapsed.username(), false)))));
          }
        }
        return Future.all(calls).map(all -> calls.stream().mapToInt(f -> f.result().toInteger()).sum());
      });
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

  /** What the send function decided. */
  sealed interface SendOutcome {
    /** Stored under this id and published. */
    record Stored(String id) implements SendOutcome {
    }

    /** The sender is over the rate; they may send again after this long. */
    record RateLimited(long retryAfterMs) implements SendOutcome {
    }

    /** The session ended; its chat is read-only. */
    record Ended() implements SendOutcome {
    }

    /** Redis has nothing of the session any more. */
    record Gone() implements SendOutcome {
    }

    /** One message's reply of {@code FCALL send} (the id when stored); a message whose commands failed in Redis fails. */
    static Future<SendOutcome> fromReply(Response r) {
      if (r.type() == ResponseType.BULK) {
        return Future.succeededFuture(new Stored(r.toString()));
      }
      return switch (r.get(0).toString()) {
        case "rate-limited" -> Future.succeededFuture(new RateLimited(Long.parseLong(r.get(1).toString())));
        case "ended" -> Future.succeededFuture(new Ended());
        case "gone" -> Future.succeededFuture(new Gone());
        default -> Future.failedFuture(new IllegalStateException("Redis refused the message: " + r.get(1)));
      };
    }
  }

  /** An entry of the presence index: {@code <session>|<user>|<connection>|<username>}. */
  private record Lapsed(String sessionId, String user, String connection, String username) {
    static Lapsed parse(String entry) {
      String[] parts = entry.split("\\|", 4);
      return parts.length < 4 ? null : new Lapsed(parts[0], parts[1], parts[2], parts[3]);
    }

    String member() {
      return user + "|" + connection;
    }
  }

  /** A message to store: who sent it through which connection, and the start of its frame. */
  private record Outgoing(String sessionId, Principal sender, String frameHead, String connection, String text,
                          String clientMsgId, boolean setExpiry) {
  }

  /** One connection whose presence this task keeps alive. */
  record PresenceEntry(String sessionId, String member, String username) {
  }

  /** The presence and end state a joining socket starts from. */
  record JoinSnapshot(Set<String> online, boolean ended) {
  }
}
