package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Redis;
import peerprep.common.config.ConfigLoader;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.common.redis.Redises;

/** Wiring of the chat-service: config, storage, routes, HTTP server. */
public final class ChatVerticle extends VerticleBase {
  private HttpServer server;
  private Redis redis;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "chat", config())
      .map(ChatConfig::from)
      .compose(cfg -> {
        HealthCheckHandler health = Health.handler(vertx);
        redis = Redises.client(vertx, cfg.redis());
        Health.redis(health, redis);
        Router router = ServiceRouter.create(vertx, "chat-service", 64 * 1024, health, "openapi/chat.json", r -> {
        });
        return vertx.createHttpServer().requestHandler(router).listen(cfg.port());
      })
      .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return (server == null ? Future.succeededFuture() : server.close())
      .andThen(v -> {
        if (redis != null) {
          redis.close();
        }
      });
  }
}
