package peerprep.question;

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

/** Wiring of the question-service: config, storage, routes, HTTP server. */
public final class QuestionVerticle extends VerticleBase {
  private HttpServer server;
  private Pool pool;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "question", config())
      .map(QuestionConfig::from)
      .compose(cfg -> Databases.migrate(vertx, cfg.db(), "question").map(cfg))
      .compose(cfg -> {
        HealthCheckHandler health = Health.handler(vertx);
        pool = Databases.pool(vertx, cfg.db());
        Health.postgres(health, pool);
        Router router = ServiceRouter.create(vertx, "question-service", 64 * 1024, health, "openapi/question.json", r -> {
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
