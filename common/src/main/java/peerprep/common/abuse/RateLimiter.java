package peerprep.common.abuse;

import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.http.ApiException;
import peerprep.common.redis.RedisFunctions;

import java.util.List;

/**
 * A fixed-window request counter in Redis, so every task of a service enforces one limit: at most
 * {@code limit} takes per key within a window that starts with the key's first take. Over the limit the
 * take fails with 429 and the seconds left in the window (Retry-After). When Redis does not answer, the
 * take is allowed and logged: a limit must not turn a Redis failover into an outage.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private final RedisFunctions functions;
  private final String name;
  private final int limit;
  private final long windowMs;
  private final String detail;

  /**
   * @param common the {@code common} function library ({@link RedisFunctions#common})
   * @param name   keeps this limit's counters apart from others, e.g. {@code user-service:sign-ups}
   * @param detail what the 429 tells the client
   */
  public RateLimiter(RedisFunctions common, String name, int limit, long windowMs, String detail) {
    this.functions = common;
    this.name = name;
    this.limit = limit;
    this.windowMs = windowMs;
    this.detail = detail;
  }

  public int limit() {
    return limit;
  }

  /** Counts one request for the key; fails with 429 when the key is over the limit in this window. */
  public Future<Void> take(String key) {
    return functions.call("rate_take", List.of("peerprep:limit:" + name + ":" + key), List.of(windowMs))
      .transform(ar -> {
        if (ar.failed()) {
          LOG.warn("Redis did not answer the '{}' limit; allowing the request: {}", name, ar.cause().getMessage());
          return Future.succeededFuture();
        }
        Response r = ar.result();
        if (r.get(0).toLong() <= limit) {
          return Future.succeededFuture();
        }
        long waitMs = Math.max(1, r.get(1).toLong());
        return Future.failedFuture(ApiException.tooManyRequests(detail, (waitMs + 999) / 1000));
      });
  }
}
