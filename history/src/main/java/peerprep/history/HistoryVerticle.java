package peerprep.history;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.redis.client.Redis;
import peerprep.common.auth.AccessControl;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.config.ConfigLoader;
import peerprep.common.db.Databases;
import peerprep.common.discovery.Discovery;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.common.http.HttpTimeouts;
import peerprep.common.http.ServiceServer;
import peerprep.common.redis.Redises;

import java.time.Clock;
import java.util.List;

/** Wiring of the history-service: config, storage, token keys, routes, HTTP server. */
public final class HistoryVerticle extends VerticleBase {
  private HttpServer server;
  private Pool pool;
  private Discovery discovery;
  private Router router;
  private Redis redis;
  private AccessControl access;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "history", config()).compose(settings -> {
      HistoryConfig cfg = HistoryConfig.from(settings);
      return Databases.migrate(vertx, cfg.db(), "history")
        .compose(n -> Discovery.start(vertx, settings, List.of("user-service")))
        .compose(d -> {
          discovery = d;
          redis = Redises.client(vertx, settings);
          return AccessControl.start(vertx, settings, redis, JwksVerifier.fromDiscovery(vertx, d), "history-service");
        })
        .compose(ac -> {
          access = ac;
          return listen(cfg, HttpTimeouts.from(settings), ac.verifier());
        });
    }).onSuccess(s -> server = s);
  }

  private Future<HttpServer> listen(HistoryConfig cfg, HttpTimeouts timeouts, JwksVerifier verifier) {
    pool = Databases.pool(vertx, cfg.db());
    HealthCheckHandler health = Health.redis(Health.postgres(Health.handler(vertx), pool), redis);
    AttemptRepository attempts = new AttemptRepository(pool);
    AccountRepository accounts = new AccountRepository(pool);
    AttemptApi publicApi = new AttemptApi(vertx, verifier, attempts, accounts, Clock.systemUTC());
    InternalApi internalApi = new InternalApi(vertx, cfg, attempts, new TranscriptRepository(pool), accounts);
    return ServiceRouter.create(vertx, "history-service", Limits.MAX_BODY_BYTES, health, "openapi/history.json", r -> {
      publicApi.mount(r);
      internalApi.mount(r);
    }).compose(built -> {
      router = built;
      return ServiceServer.listen(vertx, timeouts, router, cfg.port());
    });
  }

  Router router() {
    return router;
  }

  @Override
  public Future<?> stop() {
    if (discovery != null) {
      discovery.close();
    }
    return (server == null ? Future.succeededFuture() : server.close())
      .compose(v -> pool == null ? Future.succeededFuture() : pool.close())
      .eventually(() -> access == null ? Future.succeededFuture() : access.close())
      .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
