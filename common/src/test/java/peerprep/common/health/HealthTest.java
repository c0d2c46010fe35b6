package peerprep.common.health;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.app.ServiceMain;
import peerprep.common.config.Settings;
import peerprep.common.db.Databases;
import peerprep.common.db.DbSettings;
import peerprep.common.http.ServiceRouter;
import peerprep.common.redis.Redises;
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class HealthTest {

  private static int serve(Vertx vertx, HealthCheckHandler health) {
    Router router = ServiceRouter.create(vertx, "demo-service", 1024, health, "openapi/empty.json", r -> {
    }).await();
    return vertx.createHttpServer().requestHandler(router).listen(0).await().actualPort();
  }

  @Test
  @DisplayName("Health is 200 UP when PostgreSQL and Redis both answer")
  void up(Vertx vertx) {
    Settings s = new Settings(TestEnv.config("health_up_db"));
    Pool pool = Databases.pool(vertx, DbSettings.from(s, "x"));
    Redis redis = Redises.client(vertx, s);
    HealthCheckHandler health = Health.redis(Health.postgres(Health.handler(vertx), pool), redis);
    int port = serve(vertx, health);
    var r = WebClient.create(vertx).get(port, "localhost", "/health").send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    assertThat(r.bodyAsJsonObject().getJsonArray("checks")).hasSize(2);
  }

  @Test
  @DisplayName("Health is 503 DOWN when Redis cannot be reached")
  void down(Vertx vertx) {
    Settings s = new Settings(new JsonObject().put("REDIS_URL", "redis://127.0.0.1:" + EmbeddedRedis.freePort()));
    HealthCheckHandler health = Health.redis(Health.handler(vertx), Redises.client(vertx, s));
    int port = serve(vertx, health);
    var r = WebClient.create(vertx).get(port, "localhost", "/demo-service-api/health").send().await();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
  }

  @Test
  @DisplayName("Liveness is 200 at the root and under the prefix while readiness is 503 because Redis is down")
  void liveWhileNotReady(Vertx vertx) {
    Settings s = new Settings(new JsonObject().put("REDIS_URL", "redis://127.0.0.1:" + EmbeddedRedis.freePort()));
    int port = serve(vertx, Health.redis(Health.handler(vertx), Redises.client(vertx, s)));
    WebClient client = WebClient.create(vertx);
    assertThat(client.get(port, "localhost", "/health").send().await().statusCode()).isEqualTo(503);
    for (String path : new String[]{"/health/live", "/demo-service-api/health/live"}) {
      var live = client.get(port, "localhost", path).send().await();
      assertThat(live.statusCode()).as(path).isEqualTo(200);
      assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    }
  }

  @Test
  @DisplayName("Metrics answer at the root only: under the public prefix they are a 404 problem")
  void metricsNotUnderPrefix() {
    Vertx withMetrics = Vertx.builder().with(new io.vertx.core.VertxOptions().setMetricsOptions(ServiceMain.metricsOptions())).build();
    try {
      int port = serve(withMetrics, Health.handler(withMetrics));
      WebClient client = WebClient.create(withMetrics);
      assertThat(client.get(port, "localhost", "/metrics").send().await().statusCode()).isEqualTo(200);
      var prefixed = client.get(port, "localhost", "/demo-service-api/metrics").send().await();
      assertThat(prefixed.statusCode()).isEqualTo(404);
      assertThat(prefixed.getHeader("content-type")).startsWith("application/problem+json");
    } finally {
      withMetrics.close().await();
    }
  }

  @Test
  @DisplayName("Metrics are served in the Prometheus text format when Vert.x runs with metrics")
  void metrics() {
    Vertx withMetrics = Vertx.builder().with(new io.vertx.core.VertxOptions().setMetricsOptions(ServiceMain.metricsOptions())).build();
    try {
      int port = serve(withMetrics, Health.handler(withMetrics));
      WebClient client = WebClient.create(withMetrics);
      client.get(port, "localhost", "/health").send().await();
      var r = client.get(port, "localhost", "/metrics").send().await();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsString()).contains("# TYPE").contains("vertx_http_server_requests_total");
    } finally {
      withMetrics.close().await();
    }
  }
}
