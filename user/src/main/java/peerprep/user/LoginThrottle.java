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
import peerprep.common.redis.RedisFunctions;

import java.util.List;

/**
 * Counts failed sign-ins per account and per client address in Redis, so every task of the service
 * enforces the same limits, and the different accounts that failed from one address, so spraying one
 * password over many accounts is stopped long before the per-address count would. A window starts with
 * its first failure and ends {@code windowSeconds} later. An address over the accounts limit may still
 * try the accounts it already tried (within their own limits).
 */
public final class LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final String PREFIX = "user-service:login-failures:";
  private final Redis redis;
  private final RedisFunctions functions;
  private final UserConfig.Throttle limits;

  public LoginThrottle(Redis redis, UserConfig.Throttle limits) {
    this.redis = redis;
    this.functions = RedisFunctions.of(redis, LoginThrottle.class, "user");
    this.limits = limits;
  }

  /** The client's address: the peer, or what the configured trusted proxies say the client was. */
  public String clientAddress(HttpServerRequest request) {
    return limits.proxies().clientAddress(request);
  }

  /**
   * Fails with 429 and the seconds to wait when the account, the address, or the number of different
   * accounts that failed from the address (password spraying) is over its limit.
   */
  public Future<Void> check(String account, String address) {
    String a = accountKey(account);
    String b = addressKey(address);
    String c = sprayKey(address);
    return redis.batch(List.of(Request.cmd(Command.GET).arg(a), Request.cmd(Command.PTTL).arg(a),
        Request.cmd(Command.GET).arg(b), Request.cmd(Command.PTTL).arg(b),
        Request.cmd(Command.SCARD).arg(c), Request.cmd(Command.SISMEMBER).arg(c).arg(account), Request.cmd(Command.PTTL).arg(c)))
      .recover(LoginThrottle::unavailable)
      .compose(r -> {
        long waitMs = 0;
        if (number(r.get(0)) >= limits.maxPerAccount()) {
          waitMs = Math.max(waitMs, remaining(r.get(1)));
        }
        if (number(r.get(2)) >= limits.maxPerAddress()) {
          waitMs = Math.max(waitMs, remaining(r.get(3)));
        }
        if (number(r.get(4)) >= limits.maxAccountsPerAddress() && number(r.get(5)) == 0) {
          waitMs = Math.max(waitMs, remaining(r.get(6)));
        }
        if (waitMs == 0) {
          return Future.succeededFuture();
        }
        return Future.failedFuture(ApiException.tooManyRequests(
          "Too many failed sign-ins. Wait before trying again.", Math.max(1, (waitMs + 999) / 1000)));
      });
  }

  public Future<Void> recordFailure(String account, String address) {
    return functions.call("login_failure", List.of(accountKey(account), addressKey(address), sprayKey(address)),
        List.of(limits.windowSeconds() * 1000L, account))
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

  private static String sprayKey(String address) {
    return PREFIX + "accounts-from:" + address;
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
