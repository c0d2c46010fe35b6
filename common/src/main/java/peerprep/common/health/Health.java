package peerprep.common.health;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Command;
import io.vertx.sqlclient.Pool;

/**
 * Readiness, {@code /health}, built from vertx-health-check: 200 when every dependency answers in time, 503
 * otherwise. Liveness, {@code /health/live}: 200 whenever the process and its event loop answer, whatever
 * PostgreSQL and Redis do, for the load balancer's target group and the container health check, so a Redis
 * or database failover does not make the orchestrator replace every task.
 */
public final class Health {
  public static final long CHECK_TIMEOUT_MS = 2000;
  public static final String LIVE_PATH = "/health/live";

  private Health() {
  }

  /** Answers 200 {"status":"UP"} from the event loop, touching no dependency. */
  public static void live(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
      .end("{\"status\":\"UP\"}");
  }

  public static HealthCheckHandler handler(Vertx vertx) {
    return HealthCheckHandler.create(vertx);
  }

  public static HealthCheckHandler postgres(HealthCheckHandler handler, Pool pool) {
    handler.register("postgres", CHECK_TIMEOUT_MS, promise -> pool.query("SELECT 1").execute()
      .onComplete(ar -> promise.complete(ar.succeeded() ? Status.OK() : Status.KO())));
    return handler;
  }

  public static HealthCheckHandler redis(HealthCheckHandler handler, Redis redis) {
    handler.register("redis", CHECK_TIMEOUT_MS, promise -> redis.send(Request.cmd(Command.PING))
      .onComplete(ar -> promise.complete(ar.succeeded() ? Status.OK() : Status.KO())));
    return handler;
  }
}
