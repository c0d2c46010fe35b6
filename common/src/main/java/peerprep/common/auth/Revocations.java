package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Replies;
import peerprep.common.redis.RedisSubscriber;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Per-account cut-off times: a token of that account issued before its cut-off is refused. The user
 * service {@link #revoke revokes} when an account is disabled, deleted, or changes its password or role;
 * the cut-off is kept in a Redis sorted set and announced on a pub/sub channel. Every service keeps the
 * whole set in memory (it holds only the last {@value #RETENTION_HOURS} hours, longer than any access
 * token lives), loads it at start, applies each announcement as it arrives, and reads the set again
 * every {@value #RESYNC_MS} ms and after its subscription reconnects, so a lost message costs at most
 * that long.
 */
public final class Revocations {
  public static final String KEY = "peerprep:auth:revocations";
  public static final String CHANNEL = "peerprep:auth:revocations";
  static final int RETENTION_HOURS = 24;
  static final long RETENTION_MS = RETENTION_HOURS * 3_600_000L;
  static final long RESYNC_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);

  private final Vertx vertx;
  private final Redis redis;
  private final RedisFunctions functions;
  private final RedisSubscriber subscriber;
  private final Map<String, Long> cutoffs = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private long resyncTimer = -1;

  /**
   * @param redis      commands (the set, the announcement)
   * @param subscriber a client of its own for the pub/sub connection, closed with this
   */
  public Revocations(Vertx vertx, Redis redis, Redis subscriber) {
    this(vertx, RedisFunctions.common(redis), redis, subscriber);
  }

  /**
   * @param common     the {@code common} function library ({@link RedisFunctions#common}), shared with the
   *                   socket leases and rate limits of the same client
   * @param redis      commands (the set, the announcement)
   * @param subscriber a client of its own for the pub/sub connection, closed with this
   */
  public Revocations(Vertx vertx, RedisFunctions common, Redis redis, Redis subscriber) {
    this.vertx = vertx;
    this.redis = redis;
    this.functions = common;
    this.subscriber = new RedisSubscriber(vertx, subscriber, new RedisSubscriber.Listener() {
      @Override
      public void message(String channel, Buffer payload) {
        announced(payload.toString());
      }

      @Override
      public void resubscribed() {
        resync();
      }
    });
  }

  /** Subscribes, then loads the set; fails when Redis cannot be reached, so a task never serves blind. */
  public Future<Revocations> start() {
    return subscriber.start().compose(v -> subscriber.subscribe(CHANNEL)).compose(v -> resync()).map(v -> {
      resyncTimer = vertx.setPeriodic(RESYNC_MS, id -> resync());
      return this;
    });
  }

  /**
   * Calls the listener with the account id of every revocation seen from now on; the same revocation may be
   * reported again by a later read of the set, so a listener must be idempotent.
   */
  public void onRevoked(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** Whether a token of the account issued at that time (epoch ms) predates the account's cut-off. */
  public boolean revoked(String userId, long issuedAtMs) {
    Long cutoff = cutoffs.get(userId);
    return cutoff != null && issuedAtMs < cutoff;
  }

  /** Revokes every token of the account issued before now, in Redis and on the channel. */
  public Future<Void> revoke(String userId) {
    long now = System.currentTimeMillis();
    return functions.call("revoke", List.of(KEY), List.of(userId, now, now - RETENTION_MS, CHANNEL))
      .onSuccess(r -> apply(userId, now))
      .mapEmpty();
  }

  public Future<Void> close() {
    vertx.cancelTimer(resyncTimer);
    return subscriber.close();
  }

  private Future<Void> resync() {
    long now = System.currentTimeMillis();
    return redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(KEY).arg(now - RETENTION_MS).arg("+inf").arg("WITHSCORES"))
      .onSuccess(rows -> {
        Replies.scores(rows).forEach((userId, cutoff) -> apply(userId, cutoff.longValue()));
        cutoffs.values().removeIf(cutoff -> cutoff < now - RETENTION_MS);
      })
      .onFailure(e -> LOG.warn("Could not read the token revocations from Redis: {}", e.getMessage()))
      .mapEmpty();
  }

  private void announced(String message) {
    String[] parts = message.split(" ");
    if (parts.length == 2) {
      try {
        apply(parts[0], Long.parseLong(parts[1]));
      } catch (NumberFormatException e) {
        LOG.warn("Ignoring a malformed revocation announcement");
      }
    }
  }

  private void apply(String userId, long cutoff) {
    cutoffs.merge(userId, cutoff, Math::max);
    listeners.forEach(l -> l.accept(userId));
  }
}
