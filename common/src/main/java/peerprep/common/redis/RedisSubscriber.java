package peerprep.common.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Redis connection in subscribe mode, the one reconnect policy of every service.
 *
 * <p>{@link #subscribe} completes when Redis confirms the subscription. A subscription asked for while the
 * connection is down waits for the reconnect and completes with it, so no caller sees a failure for an
 * outage the subscriber recovers from. When the connection drops the subscriber reconnects with
 * exponential backoff (100 ms doubling to 5 s), subscribes again to every channel it had, then runs the
 * resubscribed callback: messages published meanwhile were missed, and the owner reads what it must from
 * Redis's stored state. Payloads arrive as bytes, as published.
 */
public final class RedisSubscriber {
  /** What the subscriber tells its owner. */
  public interface Listener {
    /** A message published on {@code channel}. */
    void message(String channel, Buffer payload);

    /** The connection came back and every channel is subscribed again; messages may have been missed. */
    default void resubscribed() {
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(RedisSubscriber.class);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 5_000;
  private final Vertx vertx;
  private final Redis client;
  private final Listener listener;
  private final Map<String, List<Promise<Void>>> pending = new HashMap<>();
  private final Set<String> channels = new LinkedHashSet<>();
  private RedisConnection connection;
  private boolean closed;
  private long retryMs = FIRST_RETRY_MS;

  /** A subscriber on its own connection, made from the service's Redis options. */
  public RedisSubscriber(Vertx vertx, RedisOptions options, Listener listener) {
    this(vertx, Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1)), listener);
  }

  /** A subscriber on a client of its own, which it closes with itself. */
  public RedisSubscriber(Vertx vertx, Redis dedicated, Listener listener) {
    this.vertx = vertx;
    this.client = dedicated;
    this.listener = listener;
  }

  /** Opens the connection; fails when Redis cannot be reached now (the service then fails to start). */
  public Future<Void> start() {
    return client.connect().map(c -> {
      connection = c;
      retryMs = FIRST_RETRY_MS;
      c.handler(this::handle);
      c.exceptionHandler(e -> {
        LOG.warn("Redis subscriber connection failed: {}", e.getMessage());
        lost(c);
      });
      c.endHandler(v -> lost(c));
      return null;
    });
  }

  /** Subscribes to {@code channel}; completes once Redis has confirmed it, after a reconnect if one is under way. */
  public Future<Void> subscribe(String channel) {
    channels.add(channel);
    Promise<Void> confirmed = Promise.promise();
    pending.computeIfAbsent(channel, k -> new ArrayList<>()).add(confirmed);
    if (connection != null) {
      connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(e -> {
        if (connection != null) {
          confirmed.tryFail(e);
        }
      });
    }
    return confirmed.future();
  }

  /** Stops listening on {@code channel}; completes when Redis has taken the request. */
  public Future<Void> unsubscribe(String channel) {
    channels.remove(channel);
    pending.remove(channel);
    if (connection == null) {
      return Future.succeededFuture();
    }
    return connection.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel)).mapEmpty();
  }

  /** The channels this subscriber listens on. */
  public Set<String> channels() {
    return Set.copyOf(channels);
  }

  /** Whether the subscribe connection is up now. */
  public boolean connected() {
    return connection != null;
  }

  private void handle(Response r) {
    if (r.type() != ResponseType.PUSH && r.type() != ResponseType.MULTI || r.size() < 3) {
      return;
    }
    String kind = r.get(0).toString();
    String channel = r.get(1).toString();
    if ("message".equals(kind)) {
      listener.message(channel, r.get(2).toBuffer());
    } else if ("subscribe".equals(kind)) {
      List<Promise<Void>> waiting = pending.remove(channel);
      if (waiting != null) {
        waiting.forEach(Promise::tryComplete);
      }
    }
  }

  private void lost(RedisConnection c) {
    if (connection != c) {
      return;
    }
    connection = null;
    c.close();
    if (!closed) {
      LOG.warn("Redis subscriber connection lost; reconnecting in {} ms", retryMs);
      vertx.setTimer(retryMs, id -> reconnect());
    }
  }

  private void reconnect() {
    if (closed) {
      return;
    }
    start().compose(v -> resubscribe())
      .onSuccess(v -> listener.resubscribed())
      .onFailure(e -> {
        dropConnection();
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        LOG.warn("Redis subscriber reconnect failed ({}); next try in {} ms", e.getMessage(), retryMs);
        vertx.setTimer(retryMs, id -> reconnect());
      });
  }

  private void dropConnection() {
    RedisConnection c = connection;
    connection = null;
    if (c != null) {
      c.close();
    }
  }

  private Future<Void> resubscribe() {
    List<Future<Void>> all = new ArrayList<>();
    for (String channel : List.copyOf(channels)) {
      all.add(subscribe(channel));
    }
    return Future.all(all).mapEmpty();
  }

  /** Closes the connection; no reconnect follows. */
  public Future<Void> close() {
    closed = true;
    RedisConnection c = connection;
    connection = null;
    return (c == null ? Future.<Void>succeededFuture() : c.close()).eventually(client::close);
  }
}
