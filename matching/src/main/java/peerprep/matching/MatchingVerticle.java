package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import peerprep.common.config.ConfigLoader;
import peerprep.common.db.Databases;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.common.redis.Redises;

/** Wiring of the matching-service: config, storage, routes, HTTP server. */
public final class MatchingVerticle extends VerticleBase {
  private HttpServer server;
  private Pool pool;
  private Redis redis;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "matching", config())
      .map(MatchingConfig::from)
      .compose(cfg -> Databases.migrate(vertx, cfg.db(), "matching").map(cfg))
      .compose(cfg -> {
        HealthCheckHandler health = Health.handler(vertx);
        pool = Databases.pool(vertx, cfg.db());
        Health.postgres(health, pool);
        redis = Redises.client(vertx, cfg.redis());
        Health.redis(health, redis);
        Router router = ServiceRouter.create(vertx, "matching-service", 64 * 1024, health, "openapi/matching.json", r -> {
        });
        return vertx.createHttpServer().requestHandler(router).listen(cfg.port());
      })
      .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return (server == null ? Future.succeededFuture() : server.close())
      .compose(v -> pool == null ? Future.succeededFuture() : pool.close())
      .andThen(v -> {
        if (redis != null) {
          redis.close();
        }
      });
  }
}
