package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);
  private static final String REVOKE = "redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1]) "
    + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3]) "
    + "redis.call('PUBLISH', ARGV[4], ARGV[1] .. ' ' .. ARGV[2]) return 1";
  private static final String LOAD = "return redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf', 'WITHSCORES')";

  private final Vertx vertx;
  private final Redis redis;
  private final Redis subscriber;
  private final Map<String, Long> cutoffs = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private RedisConnection connection;
  private long resyncTimer = -1;
  private long backoffMs = 100;
  private volatile boolean closed;

  /**
   * @param redis      commands (the set, the announcement)
   * @param subscriber a client of its own for the pub/sub connection, closed with this
   */
  public Revocations(Vertx vertx, Redis redis, Redis subscriber) {
    this.vertx = vertx;
    this.redis = redis;
    this.subscriber = subscriber;
  }

  /** Subscribes, then loads the set; fails when Redis cannot be reached, so a task never serves blind. */
  public Future<Revocations> start() {
    return subscribe().compose(v -> resync()).map(v -> {
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
    return redis.send(Request.cmd(Command.EVAL).arg(REVOKE).arg(1).arg(KEY)
        .arg(userId).arg(now).arg(now - RETENTION_MS).arg(CHANNEL))
      .onSuccess(r -> apply(userId, now))
      .mapEmpty();
  }

  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(resyncTimer);
    RedisConnection c = connection;
    connection = null;
    return (c == null ? Future.<Void>succeededFuture() : c.close()).eventually(subscriber::close);
  }

  private Future<Void> subscribe() {
    return subscriber.connect().compose(c -> {
      connection = c;
      c.handler(this::onPush);
      c.endHandler(v -> lost(c, "closed"));
      c.exceptionHandler(e -> lost(c, e.getMessage()));
      return c.send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL));
    }).mapEmpty();
  }

  private Future<Void> resync() {
    long now = System.currentTimeMillis();
    return redis.send(Request.cmd(Command.EVAL).arg(LOAD).arg(1).arg(KEY).arg(now - RETENTION_MS))
      .onSuccess(rows -> {
        for (int i = 0; i + 1 < rows.size(); i += 2) {
          apply(rows.get(i).toString(), (long) Double.parseDouble(rows.get(i + 1).toString()));
        }
        cutoffs.values().removeIf(cutoff -> cutoff < now - RETENTION_MS);
      })
      .onFailure(e -> LOG.warn("Could not read the token revocations from Redis: {}", e.getMessage()))
      .mapEmpty();
  }

  private void onPush(Response push) {
    if (push == null || push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI || push.size() < 3
      || !"message".equals(push.get(0).toString())) {
      return;
    }
    String[] parts = push.get(2).toString().split(" ");
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

  private void lost(RedisConnection c, String why) {
    if (c != connection) {
      return;
    }
    connection = null;
    c.close();
    if (!closed) {
      LOG.warn("The revocation subscription was lost ({}); reconnecting", why);
      reconnectLater();
    }
  }

  private void reconnectLater() {
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    vertx.setTimer(delay, t -> {
      if (!closed) {
        subscribe().compose(v -> resync())
          .onSuccess(v -> backoffMs = 100)
          .onFailure(e -> reconnectLater());
      }
    });
  }
}
