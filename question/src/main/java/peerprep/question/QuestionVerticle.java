package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Redis;
import peerprep.common.auth.AccessControl;
import peerprep.common.auth.Auth;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.config.ConfigLoader;
import peerprep.common.db.Databases;
import peerprep.common.discovery.Discovery;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.common.http.HttpTimeouts;
import peerprep.common.http.ServiceServer;
import peerprep.common.redis.Redises;

import java.util.List;

/** Wiring of the question-service: config, storage, bank, routes, HTTP server. */
public final class QuestionVerticle extends VerticleBase {
  private HttpServer server;
  private Pool pool;
  private Discovery discovery;
  private Router router;
  private Redis redis;
  private AccessControl access;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "question", config())
      .map(QuestionConfig::from)
      .compose(cfg -> Databases.migrate(vertx, cfg.db(), "question").map(cfg))
      .compose(cfg -> {
        pool = Databases.pool(vertx, cfg.db());
        return new Bank(vertx, new SeedRepository(pool)).load(cfg).map(cfg);
      })
      .compose(cfg -> Discovery.start(vertx, cfg.settings(), List.of("user-service")).map(d -> {
        discovery = d;
        return cfg;
      }))
      .compose(this::listen)
      .recover(e -> stop().transform(ar -> Future.<HttpServer>failedFuture(e)));
  }

  private Future<HttpServer> listen(QuestionConfig cfg) {
    redis = Redises.client(vertx, cfg.settings());
    return AccessControl.start(vertx, cfg.settings(), redis, JwksVerifier.fromDiscovery(vertx, discovery), "question-service")
      .compose(ac -> {
        access = ac;
        return listen(cfg, Auth.required(ac.verifier()));
      });
  }

  private Future<HttpServer> listen(QuestionConfig cfg, Handler<RoutingContext> signedIn) {
    Handler<RoutingContext> admin = Auth.role("admin");
    QuestionApi questions = new QuestionApi(new QuestionRepository(pool));
    ImageApi images = new ImageApi(new ImageRepository(pool), cfg.imageMaxBytes());
    HealthCheckHandler health = Health.redis(Health.postgres(Health.handler(vertx), pool), redis);
    PickApi picks = new PickApi(new Picker(new PickRepository(pool)));
    return ServiceRouter.create(vertx, "question-service", cfg.bodyLimit(), health, "openapi/question.json", r -> {
      questions.mount(r, signedIn, admin);
      images.mount(r, signedIn, admin);
      picks.mount(r, Auth.internal(cfg.internalToken()));
    })
      .compose(built -> {
        router = built;
        return ServiceServer.listen(vertx, HttpTimeouts.from(cfg.settings()), router, cfg.port());
      })
      .onSuccess(s -> server = s);
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
