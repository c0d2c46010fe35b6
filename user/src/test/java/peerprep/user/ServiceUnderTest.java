package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import peerprep.common.auth.JwtKeys;
import peerprep.common.testing.Await;
import peerprep.common.testing.ServiceFixture;
import peerprep.testkit.EmbeddedRedis;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One task of the user-service deployed by a fixture, with a blocking HTTP client and direct SQL for checks. */
final class ServiceUnderTest {
  static final String PASSWORD = "Correct-horse-42";
  static final String KEY_ID = "test-key";
  final ServiceFixture<UserVerticle> fixture;
  final Vertx vertx;
  final JsonObject config;
  final UserVerticle verticle;
  final int port;
  private final int instance;

  /**
   * The service on a fresh database with a new signing key, cheap Argon2, a history service that is not
   * there, and a sign-up limit no test of other behaviour reaches (every test signs up from 127.0.0.1).
   */
  static ServiceFixture<UserVerticle> fixture() {
    return ServiceFixture.of(UserVerticle::new).database()
      .config(() -> new JsonObject().put("SECRET_JWT_PRIVATE_KEY", JwtKeys.privatePem(JwtKeys.generate())))
      .config("JWT_KEY_ID", KEY_ID)
      .config("ARGON2_MEMORY_KIB", 1024)
      .config("ARGON2_ITERATIONS", 1)
      .config("HISTORY_SERVICE_URL", "http://127.0.0.1:9")
      .config("OUTBOX_INTERVAL_MS", 3_600_000)
      .config("SIGNUPS_PER_ADDRESS_PER_HOUR", 100_000);
  }

  /** The fixture's first task (call from {@code @BeforeAll} or a test). */
  ServiceUnderTest(ServiceFixture<UserVerticle> fixture) {
    this(fixture, 0);
  }

  ServiceUnderTest(ServiceFixture<UserVerticle> fixture, int instance) {
    this.fixture = fixture;
    this.instance = instance;
    this.vertx = fixture.vertx();
    this.config = fixture.config(instance);
    this.verticle = fixture.verticle(instance);
    this.port = fixture.port(instance);
  }

  /** Another task of the same service: same database and Redis, its own port, these keys on top. */
  ServiceUnderTest secondTask(JsonObject extra) {
    return new ServiceUnderTest(fixture, fixture.deploy(new JsonObject().put("PORT", EmbeddedRedis.freePort()).mergeIn(extra)));
  }

  ServiceUnderTest secondTask() {
    return secondTask(new JsonObject());
  }

  static <T> T await(Future<T> future) {
    return Await.of(future);
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body, MultiMap headers) {
    HttpRequest<Buffer> request = fixture.http().request(method, port, "127.0.0.1", path).timeout(Await.WAIT.toMillis());
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
    return fixture.http().post(port, "127.0.0.1", path).sendJsonObject(body);
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
    return fixture.db();
  }

  RowSet<Row> sql(String statement, Object... params) {
    return fixture.sql(statement, params);
  }

  /** Stops this task, as a task that is replaced or scaled in stops. */
  void stop() {
    fixture.undeploy(instance);
  }
}
