package peerprep.user;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import peerprep.common.auth.JwtKeys;
import peerprep.common.config.Settings;
import peerprep.common.db.Databases;
import peerprep.common.db.DbSettings;
import peerprep.common.testing.TestEnv;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** A deployed user-service on the embedded storage, with a blocking HTTP client and direct SQL for checks. */
final class ServiceUnderTest {
  static final String PASSWORD = "Correct-horse-42";
  static final String KEY_ID = "test-key";
  final Vertx vertx;
  final JsonObject config;
  final UserVerticle verticle;
  final String deployment;
  final int port;
  private final WebClient client;
  private final Pool db;

  private ServiceUnderTest(Vertx vertx, JsonObject config, UserVerticle verticle, String deployment) {
    this.vertx = vertx;
    this.config = config;
    this.verticle = verticle;
    this.deployment = deployment;
    this.port = config.getInteger("PORT");
    this.client = WebClient.create(vertx);
    this.db = Databases.pool(vertx, DbSettings.from(new Settings(config), "user_db"));
  }

  /**
   * Config for a fresh database, a new signing key, cheap Argon2, a history service that is not there, and
   * a sign-up limit no test of other behaviour reaches (every test signs up from 127.0.0.1).
   */
  static JsonObject config(String database) {
    return TestEnv.config(database)
      .put("SECRET_JWT_PRIVATE_KEY", JwtKeys.privatePem(JwtKeys.generate()))
      .put("JWT_KEY_ID", KEY_ID)
      .put("ARGON2_MEMORY_KIB", 1024)
      .put("ARGON2_ITERATIONS", 1)
      .put("HISTORY_SERVICE_URL", "http://127.0.0.1:9")
      .put("OUTBOX_INTERVAL_MS", 3_600_000)
      .put("SIGNUPS_PER_ADDRESS_PER_HOUR", 100_000);
  }

  static ServiceUnderTest start(Vertx vertx, JsonObject config) {
    UserVerticle verticle = new UserVerticle();
    String deployment = await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
    return new ServiceUnderTest(vertx, config, verticle, deployment);
  }

  /** Another task of the same service: same database and Redis, its own port. */
  ServiceUnderTest secondTask() {
    return start(vertx, config.copy().put("PORT", peerprep.testkit.EmbeddedRedis.freePort()));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body, MultiMap headers) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (headers != null) {
      request.putHeaders(headers);
    }
    if (body == null) {
      return await(request.send());
    }
    request.putHeader("Content-Type", "application/json");
    return await(request.sendBuffer(Buffer.buffer(body instanceof JsonObject json ? json.encode() : body.toString())));
  }

  HttpResponse<Buffer> post(String path, Object body) {
    return call(HttpMethod.POST, path, null, body, null);
  }

  /** Sends without waiting for the answer, so a test can have several requests in flight at once. */
  Future<HttpResponse<Buffer>> postAsync(String path, JsonObject body) {
    return client.post(port, "127.0.0.1", path).sendJsonObject(body);
  }

  HttpResponse<Buffer> get(String path, String token) {
    return call(HttpMethod.GET, path, token, null, null);
  }

  HttpResponse<Buffer> login(String identifier, String password) {
    return post("/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }

  /** Registers a new account with {@link #PASSWORD} and returns the session answer. */
  JsonObject register(String username) {
    HttpResponse<Buffer> response = post("/auth/register", new JsonObject()
      .put("username", username).put("email", username + "@example.com").put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  /** The service's database, for tests that drive the repositories directly. */
  Pool pool() {
    return db;
  }

  RowSet<Row> sql(String statement, Object... params) {
    return await(db.preparedQuery(statement).execute(Tuple.from(params)));
  }

  void stop() {
    client.close();
    await(db.close());
    await(vertx.undeploy(deployment));
  }
}
