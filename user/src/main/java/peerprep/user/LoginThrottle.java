package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.http.ApiException;

import java.util.List;

/**
 * Counts failed sign-ins per account and per client address in Redis, so every task of the service
 * enforces the same limits. A window starts with its first failure and ends {@code windowSeconds} later.
 */
public final class LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final String PREFIX = "user-service:login-failures:";
  private static final String COUNT_FAILURE = "for _, key in ipairs(KEYS) do "
    + "if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end end return 1";
  private final Redis redis;
  private final UserConfig.Throttle limits;

  public LoginThrottle(Redis redis, UserConfig.Throttle limits) {
    this.redis = redis;
    this.limits = limits;
  }

  /**
   * The client's address. Each trusted proxy (the ALB, nginx) appends the address it saw to
   * X-Forwarded-For, so the entry {@code trustedHops} from the right is the one no client can forge;
   * entries further left are whatever the client sent. With no trusted proxy, the peer address.
   */
  public static String clientAddress(HttpServerRequest request, int trustedHops) {
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded != null && trustedHops > 0) {
      String[] hops = forwarded.split(",");
      String hop = hops[Math.max(0, hops.length - trustedHops)].trim();
      if (!hop.isEmpty()) {
        return hop.length() > 64 ? hop.substring(0, 64) : hop;
      }
    }
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }

  public String clientAddress(HttpServerRequest request) {
    return clientAddress(request, limits.trustedProxyHops());
  }

  /** Fails with 429 and the seconds to wait when either the account or the address is over its limit. */
  public Future<Void> check(String account, String address) {
    String a = accountKey(account);
    String b = addressKey(address);
    return redis.batch(List.of(Request.cmd(Command.GET).arg(a), Request.cmd(Command.PTTL).arg(a),
        Request.cmd(Command.GET).arg(b), Request.cmd(Command.PTTL).arg(b)))
      .recover(LoginThrottle::unavailable)
      .compose(r -> {
        long waitMs = 0;
        if (number(r.get(0)) >= limits.maxPerAccount()) {
          waitMs = Math.max(waitMs, remaining(r.get(1)));
        }
        if (number(r.get(2)) >= limits.maxPerAddress()) {
          waitMs = Math.max(waitMs, remaining(r.get(3)));
        }
        if (waitMs == 0) {
          return Future.succeededFuture();
        }
        return Future.failedFuture(ApiException.tooManyRequests(
          "Too many failed sign-ins. Wait before trying again.", Math.max(1, (waitMs + 999) / 1000)));
      });
  }

  public Future<Void> recordFailure(String account, String address) {
    return redis.send(Request.cmd(Command.EVAL).arg(COUNT_FAILURE).arg(2).arg(accountKey(account)).arg(addressKey(address))
        .arg(limits.windowSeconds() * 1000L))
      .recover(LoginThrottle::unavailable)
      .mapEmpty();
  }

  public Future<Void> clearAccount(String account) {
    return redis.send(Request.cmd(Command.DEL).arg(accountKey(account))).recover(LoginThrottle::unavailable).mapEmpty();
  }

  private static String accountKey(String account) {
    return PREFIX + "account:" + account;
  }

  private static String addressKey(String address) {
    return PREFIX + "address:" + address;
  }

  private static long number(Response r) {
    return r == null ? 0 : r.toLong();
  }

  /** Milliseconds left in the window; a key without a TTL counts as a whole window. */
  private long remaining(Response pttl) {
    long ms = pttl == null ? -1 : pttl.toLong();
    return ms > 0 ? ms : limits.windowSeconds() * 1000L;
  }

  private static <T> Future<T> unavailable(Throwable e) {
    LOG.warn("Redis did not answer the sign-in throttle: {}", e.getMessage());
    return Future.failedFuture(ApiException.unavailable("Sign-in is briefly unavailable. Try again in a moment."));
  }
}
