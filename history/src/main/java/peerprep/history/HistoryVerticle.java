package peerprep.history;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Pool;
import peerprep.common.config.ConfigLoader;
import peerprep.common.db.Databases;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;

/** Wiring of the history-service: config, storage, routes, HTTP server. */
public final class HistoryVerticle extends VerticleBase {
  private HttpServer server;
  private Pool pool;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "history", config())
      .map(HistoryConfig::from)
      .compose(cfg -> Databases.migrate(vertx, cfg.db(), "history").map(cfg))
      .compose(cfg -> {
        HealthCheckHandler health = Health.handler(vertx);
        pool = Databases.pool(vertx, cfg.db());
        Health.postgres(health, pool);
        Router router = ServiceRouter.create(vertx, "history-service", 64 * 1024, health, "openapi/history.json", r -> {
        });
        return vertx.createHttpServer().requestHandler(router).listen(cfg.port());
      })
      .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return (server == null ? Future.succeededFuture() : server.close())
      .compose(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
