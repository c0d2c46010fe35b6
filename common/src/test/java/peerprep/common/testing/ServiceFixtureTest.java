package peerprep.common.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Command;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceFixtureTest {
  @RegisterExtension
  static final ServiceFixture<EchoVerticle> service = ServiceFixture.of(EchoVerticle::new)
    .database().config("GREETING", "hello").flushingRedis()
    .with(vertx -> Future.succeededFuture(new Peer()))
    .truncating("notes");

  @BeforeAll
  static void schema() {
    service.sql("CREATE TABLE notes (body text)");
  }

  /** Answers with the config it was deployed with. */
  static final class EchoVerticle extends VerticleBase {
    private HttpServer server;

    @Override
    public Future<?> start() {
      if (config().containsKey("REFUSE")) {
        return Future.failedFuture(config().getString("REFUSE"));
      }
      return vertx.createHttpServer().requestHandler(req -> req.response().end(config().encode()))
        .listen(config().getInteger("PORT")).onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
      return server.close();
    }
  }

  record Peer() implements Companion {
    @Override
    public JsonObject config() {
      return new JsonObject().put("HISTORY_SERVICE_URL", "http://127.0.0.1:1");
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private JsonObject deployedConfig(int instance) {
    return Await.of(service.http().request(HttpMethod.GET, service.port(instance), "127.0.0.1", "/").send()).bodyAsJsonObject();
  }

  @Test
  @Order(1)
  @DisplayName("The service is deployed with the storage, token issuer, companions and the class's own keys")
  void deploysWithConfig() {
    JsonObject config = deployedConfig(0);
    assertThat(config.getString("DB_NAME")).isEqualTo("service_fixture_test");
    assertThat(config.getString("REDIS_URL")).startsWith("redis://");
    assertThat(config.getString("USER_SERVICE_URL")).isEqualTo(service.auth().url());
    assertThat(config.getString("HISTORY_SERVICE_URL")).isEqualTo("http://127.0.0.1:1");
    assertThat(config.getString("GREETING")).isEqualTo("hello");
    assertThat(service.companion(Peer.class)).isNotNull();
    service.sql("INSERT INTO notes VALUES ('left by the first test')");
    Redis redis = Redis.createClient(service.vertx(), config.getString("REDIS_URL"));
    Await.of(redis.send(Request.cmd(Command.SET).arg("left").arg("1")));
    redis.close();
  }

  @Test
  @Order(2)
  @DisplayName("Each test starts with the named tables and Redis empty")
  void resetsBetweenTests() {
    assertThat(service.count("SELECT count(*) FROM notes")).isZero();
    Redis redis = Redis.createClient(service.vertx(), service.config().getString("REDIS_URL"));
    assertThat(Await.of(redis.send(Request.cmd(Command.EXISTS).arg("left"))).toInteger()).isZero();
    redis.close();
  }

  @Test
  @Order(3)
  @DisplayName("Another instance gets its own port, and a stopped one starts again on the same port")
  void moreInstances() {
    int second = service.deployAnother();
    assertThat(service.port(second)).isNotEqualTo(service.port(0));
    assertThat(deployedConfig(second).getInteger("PORT")).isEqualTo(service.port(second));
    service.undeploy(second);
    service.redeploy(second);
    assertThat(deployedConfig(second).getInteger("PORT")).isEqualTo(service.port(second));
  }

  @Test
  @Order(4)
  @DisplayName("A deployment the service refuses fails its future")
  void refusedDeployment() {
    Future<Integer> refused = service.deployAsync(new JsonObject().put("REFUSE", "no database"));
    assertThat(refused.toCompletionStage().toCompletableFuture()).failsWithin(Await.WAIT)
      .withThrowableThat().withMessageContaining("no database");
  }

  @Test
  @DisplayName("Database names come from the test class's name in snake case")
  void names() {
    assertThat(ServiceFixture.databaseName(ServiceFixtureTest.class)).isEqualTo("service_fixture_test");
  }
}
