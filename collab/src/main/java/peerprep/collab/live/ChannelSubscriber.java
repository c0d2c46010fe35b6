package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The task's one Redis connection in subscribe mode. Subscriptions complete when Redis confirms them;
 * when the connection drops it reconnects with backoff, subscribes again to every channel it had and
 * reports that messages may have been missed meanwhile.
 */
final class ChannelSubscriber {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSubscriber.class);
  private final Vertx vertx;
  private final Redis client;
  private final BiConsumer<String, String> onMessage;
  private final Runnable onResubscribed;
  private final Map<String, List<Promise<Void>>> pending = new HashMap<>();
  private final Set<String> channels = new HashSet<>();
  private RedisConnection connection;
  private boolean closed;
  private long retryMs = 100;

  ChannelSubscriber(Vertx vertx, RedisOptions options, BiConsumer<String, String> onMessage, Runnable onResubscribed) {
    this.vertx = vertx;
    this.client = Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1));
    this.onMessage = onMessage;
    this.onResubscribed = onResubscribed;
  }

  Future<Void> start() {
    return client.connect().map(c -> {
      connection = c;
      retryMs = 100;
      c.handler(this::handle);
      c.exceptionHandler(e -> LOG.warn("Redis subscriber connection failed: {}", e.getMessage()));
      c.endHandler(v -> reconnect());
      return null;
    });
  }

  /** Subscribes; completes once Redis has confirmed it (after a reconnect, if one is under way). */
  Future<Void> subscribe(String channel) {
    channels.add(channel);
    Promise<Void> confirmed = Promise.promise();
    pending.computeIfAbsent(channel, k -> new ArrayList<>()).add(confirmed);
    if (connection == null) {
      return confirmed.future();
    }
    connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(confirmed::tryFail);
    return confirmed.future();
  }

  void unsubscribe(String channel) {
    channels.remove(channel);
    if (connection != null) {
      connection.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel));
    }
  }

  private void handle(Response r) {
    if (r.type() != ResponseType.PUSH && r.type() != ResponseType.MULTI || r.size() < 3) {
      return;
    }
    String kind = r.get(0).toString();
    String channel = r.get(1).toString();
    if ("message".equals(kind)) {
      onMessage.accept(channel, r.get(2).toString());
    } else if ("subscribe".equals(kind)) {
      List<Promise<Void>> waiting = pending.remove(channel);
      if (waiting != null) {
        waiting.forEach(Promise::tryComplete);
      }
    }
  }

  private void reconnect() {
    connection = null;
    if (closed) {
      return;
    }
    LOG.warn("Redis subscriber connection lost; reconnecting in {} ms", retryMs);
    vertx.setTimer(retryMs, id -> start()
      .compose(v -> resubscribe())
      .onSuccess(v -> onResubscribed.run())
      .onFailure(e -> {
        retryMs = Math.min(retryMs * 2, 5_000);
        reconnect();
      }));
  }

  private Future<Void> resubscribe() {
    List<Future<Void>> all = new ArrayList<>();
    for (String channel : List.copyOf(channels)) {
      all.add(subscribe(channel));
    }
    return Future.all(all).mapEmpty();
  }

  Future<Void> close() {
    closed = true;
    return client.close();
  }
}
