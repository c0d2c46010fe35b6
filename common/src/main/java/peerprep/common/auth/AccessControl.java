package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import peerprep.common.abuse.RateLimiter;
import peerprep.common.config.Settings;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Redises;

/**
 * What every service that accepts access tokens adds to its verifier: revocation (a token issued before
 * its account's cut-off is refused, open sockets of that user are closed), the per-user read limit
 * ({@code READS_PER_MINUTE}, default {@value #DEFAULT_READS_PER_MINUTE}) and the per-user socket cap
 * ({@code SOCKETS_PER_USER}, default {@value #DEFAULT_SOCKETS_PER_USER}). All of it lives in Redis, so
 * every task of a service applies the same state.
 */
public final class AccessControl {
  public static final int DEFAULT_READS_PER_MINUTE = 600;
  public static final int DEFAULT_SOCKETS_PER_USER = 10;
  private final Revocations revocations;
  private final JwksVerifier verifier;
  private final UserSockets sockets;
  private final RedisFunctions functions;

  private AccessControl(RedisFunctions functions, Revocations revocations, JwksVerifier verifier, UserSockets sockets) {
    this.functions = functions;
    this.revocations = revocations;
    this.verifier = verifier;
    this.sockets = sockets;
  }

  /**
   * Loads the {@code common} Redis function library and the revocations and equips the verifier; fails when Redis cannot be reached.
   *
   * @param redis   the service's Redis client (the subscription opens a client of its own)
   * @param service the service name, which keeps its counters apart from other services'
   */
  public static Future<AccessControl> start(Vertx vertx, Settings s, Redis redis, JwksVerifier verifier, String service) {
    int reads = s.integer("READS_PER_MINUTE", DEFAULT_READS_PER_MINUTE, 1, 1_000_000);
    int socketsPerUser = s.integer("SOCKETS_PER_USER", DEFAULT_SOCKETS_PER_USER, 1, 10_000);
    RedisFunctions common = RedisFunctions.common(redis);
    Revocations revocations = new Revocations(vertx, common, redis, Redises.client(vertx, s));
    return common.load().compose(loaded -> revocations.start()).map(r -> {
      verifier.revokedBy(r).limitReads(new RateLimiter(common, service + ":reads", reads, 60_000,
        "Too many requests: at most " + reads + " reads a minute per account."));
      return new AccessControl(common, r, verifier, new UserSockets(vertx, redis, common, r, service, socketsPerUser));
    }).recover(e -> revocations.close().transform(ar -> Future.failedFuture(e)));
  }

  /** The {@code common} Redis function library, loaded; for the service's own rate limits. */
  public RedisFunctions functions() {
    return functions;
  }

  public JwksVerifier verifier() {
    return verifier;
  }

  public Revocations revocations() {
    return revocations;
  }

  public UserSockets sockets() {
    return sockets;
  }

  public Future<Void> close() {
    sockets.close();
    return revocations.close();
  }
}
