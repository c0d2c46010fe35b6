package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import peerprep.common.abuse.RateLimiter;
import peerprep.common.auth.AccessControl;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.TokenIssuer;
import peerprep.common.config.ConfigException;
import peerprep.common.config.ConfigLoader;
import peerprep.common.db.Databases;
import peerprep.common.discovery.Discovery;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.common.http.HttpTimeouts;
import peerprep.common.http.ServiceServer;
import peerprep.common.redis.Redises;

import java.util.List;

/** Wiring of the user-service: config, storage, the first admin, routes, the outbox, HTTP server. */
public final class UserVerticle extends VerticleBase {
  private static final long PURGE_INTERVAL_MS = 3_600_000;
  private HttpServer server;
  private Pool pool;
  private Redis redis;
  private Discovery discovery;
  private DeletionOutbox outbox;
  private Router router;
  private long purgeTimer = -1;
  private AccessControl access;
  private Passwords passwords;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "user", config())
      .map(UserConfig::from)
      .compose(cfg -> {
        TokenIssuer issuer = issuer(cfg.signing());
        return Databases.migrate(vertx, cfg.db(), "user")
          .compose(v -> Discovery.start(vertx, cfg.settings(), List.of(DeletionOutbox.HISTORY)))
          .compose(d -> {
            discovery = d;
            return wire(cfg, issuer);
          });
      })
      .onSuccess(s -> server = s)
      .recover(e -> stop().transform(closed -> Future.failedFuture(e)));
  }

  private Future<HttpServer> wire(UserConfig cfg, TokenIssuer issuer) {
    HealthCheckHandler health = Health.handler(vertx);
    pool = Databases.pool(vertx, cfg.db());
    Health.postgres(health, pool);
    redis = Redises.client(vertx, cfg.settings());
    Health.redis(health, redis);
    JwksVerifier verifier = new JwksVerifier(vertx, () -> Future.succeededFuture(issuer.jwks()), 60_000);
    return AccessControl.start(vertx, cfg.settings(), redis, verifier, "user-service")
      .compose(ac -> {
        access = ac;
        return routes(cfg, issuer, health, ac);
      });
  }

  private Future<HttpServer> routes(UserConfig cfg, TokenIssuer issuer, HealthCheckHandler health, AccessControl ac) {
    UserRepository users = new UserRepository(pool);
    AdminRepository admins = new AdminRepository(pool);
    passwords = new Passwords(vertx, cfg.hashing());
    Tokens tokens = new Tokens(issuer, new TokenRepository(pool), cfg.accessTokenTtl(), cfg.refreshTokenTtl(),
      cfg.refreshReuseGrace());
    Authenticator authenticator = new Authenticator(users, passwords, new LoginThrottle(redis, cfg.throttle()));
    outbox = new DeletionOutbox(vertx, new OutboxRepository(pool), discovery, cfg.internalToken(), cfg.outbox());
    Accounts accounts = new Accounts(users, passwords, authenticator, tokens, outbox, ac.revocations());
    RateLimiter signUps = new RateLimiter(ac.functions(), "user-service:sign-ups", cfg.throttle().signUpsPerAddressPerHour(),
      3_600_000, "Too many accounts were created from this address; wait before creating another.");
    Handler<RoutingContext> signedIn = SignedIn.handler(ac.verifier());
    return ServiceRouter.create(vertx, "user-service", 64 * 1024, health, "openapi/user.json", r -> {
      new AuthApi(accounts, authenticator, tokens, issuer, signUps).mount(r);
      new ProfileApi(accounts, signedIn).mount(r);
      new AdminApi(users, admins, signedIn, ac.revocations()).mount(r);
    })
      .compose(built -> {
        router = built;
        return passwords.warmUp();
      })
      .compose(v -> new AdminSeeder(admins, passwords).seed(cfg.admin()))
      .compose(v -> ServiceServer.listen(vertx, HttpTimeouts.from(cfg.settings()), router, cfg.port()))
      .onSuccess(s -> {
        outbox.start();
        purgeTimer = vertx.setPeriodic(PURGE_INTERVAL_MS, id -> tokens.purgeExpired());
      });
  }

  private TokenIssuer issuer(SigningKey key) {
    try {
      return new TokenIssuer(vertx, key.keys(), key.kid(), key.previousJwks());
    } catch (RuntimeException e) {
      throw new ConfigException("Malformed configuration: SECRET_JWT_PRIVATE_KEY could not be loaded as a signing key: " + e.getMessage());
    }
  }

  /** The root router, built from the OpenAPI document. */
  Router router() {
    return router;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(purgeTimer);
    if (outbox != null) {
      outbox.stop();
    }
    return (server == null ? Future.succeededFuture() : server.close())
      .compose(v -> pool == null ? Future.succeededFuture() : pool.close())
      .eventually(() -> access == null ? Future.succeededFuture() : access.close())
      .eventually(() -> passwords == null ? Future.succeededFuture() : passwords.close())
      .andThen(v -> {
        if (redis != null) {
          redis.close();
        }
        if (discovery != null) {
          discovery.close();
        }
      });
  }
}
