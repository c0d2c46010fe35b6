package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The task's one Redis pub/sub connection. A subscription counts as active only once Redis confirmed
 * it, because the gap-free backlog depends on reading the stream after that point. When the connection
 * drops, it reconnects with backoff and subscribes again, reporting each restored channel so the
 * sockets behind it can catch up on what they missed meanwhile.
 */
final class RedisSubscriber {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSubscriber.class);
  private static final long MAX_BACKOFF_MS = 5_000;
  private final Vertx vertx;
  private final Redis client;
  private final BiConsumer<String, String> onMessage;
  private final Consumer<String> onRestored;
  private final Set<String> channels = new HashSet<>();
  private final Map<String, Queue<Promise<Void>>> confirmations = new HashMap<>();
  private RedisConnection connection;
  private boolean closed;
  private long backoffMs = 100;

  RedisSubscriber(Vertx vertx, Redis client, BiConsumer<String, String> onMessage, Consumer<String> onRestored) {
    this.vertx = vertx;
    this.client = client;
    this.onMessage = onMessage;
    this.onRestored = onRestored;
  }

  Future<Void> start() {
    return client.connect().map(this::attach);
  }

  boolean connected() {
    return connection != null;
  }

  /** Subscribes and completes when Redis confirmed the subscription. */
  Future<Void> subscribe(String channel) {
    channels.add(channel);
    if (connection == null) {
      return Future.failedFuture("The chat's Redis subscription is reconnecting.");
    }
    Promise<Void> confirmed = Promise.promise();
    confirmations.computeIfAbsent(channel, c -> new ArrayDeque<>()).add(confirmed);
    connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(confirmed::tryFail);
    return confirmed.future();
  }

  void unsubscribe(String channel) {
    channels.remove(channel);
    if (connection != null) {
      connection.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel));
    }
  }

  Future<Void> close() {
    closed = true;
    RedisConnection c = connection;
    connection = null;
    return (c == null ? Future.<Void>succeededFuture() : c.close()).eventually(client::close);
  }

  private Void attach(RedisConnection c) {
    connection = c;
    backoffMs = 100;
    c.handler(this::onPush);
    c.endHandler(v -> lost(c, "closed"));
    c.exceptionHandler(e -> lost(c, e.getMessage()));
    return null;
  }

  private void onPush(Response push) {
    if (push == null || push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI || push.size() < 3) {
      LOG.debug("Ignoring a non-event reply on the pub/sub connection: {}", push);
      return;
    }
    String kind = push.get(0).toString();
    if ("message".equals(kind)) {
      onMessage.accept(push.get(1).toString(), push.get(2).toString());
    } else if ("subscribe".equals(kind)) {
      Queue<Promise<Void>> waiting = confirmations.get(push.get(1).toString());
      Promise<Void> first = waiting == null ? null : waiting.poll();
      if (first != null) {
        first.tryComplete();
      }
    }
  }

  private void lost(RedisConnection c, String why) {
    if (c != connection) {
      return;
    }
    connection = null;
    c.close();
    confirmations.values().forEach(q -> q.forEach(p -> p.tryFail("The Redis subscription was lost.")));
    confirmations.clear();
    if (!closed) {
      LOG.warn("Redis pub/sub connection lost ({}); reconnecting", why);
      reconnectLater();
    }
  }

  private void reconnectLater() {
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    vertx.setTimer(delay, t -> {
      if (closed) {
        return;
      }
      client.connect().map(this::attach).onSuccess(v -> restore()).onFailure(e -> reconnectLater());
    });
  }

  private void restore() {
    LOG.info("Redis pub/sub connection restored; subscribing to {} channels again", channels.size());
    for (String channel : Set.copyOf(channels)) {
      subscribe(channel).onSuccess(v -> onRestored.accept(channel));
    }
  }
}
