package peerprep.question;

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
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;
import peerprep.common.db.Databases;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestEnv;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The question-service deployed on a fresh database, with token helpers and an HTTP client aimed at it. */
final class TestService {
  final Vertx vertx;
  final TestAuth auth;
  final JsonObject config;
  final WebClient client;
  final Pool db;
  final TestAuth.TestUser admin;
  final TestAuth.TestUser user;
  QuestionVerticle verticle;
  private String deployment;

  private TestService(Vertx vertx, TestAuth auth, JsonObject config) {
    this.vertx = vertx;
    this.auth = auth;
    this.config = config;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(config.getInteger("PORT")));
    this.db = Databases.pool(vertx, DbSettings.from(new Settings(config), "question_db"));
    this.admin = auth.admin("ada");
    this.user = auth.user("linus");
  }

  /** Deploys the service on a fresh database; the bank is off unless the overrides switch it on. */
  static TestService start(Vertx vertx, String dbName, JsonObject overrides) {
    TestAuth auth = await(TestAuth.start(vertx));
    JsonObject config = TestEnv.config(dbName)
      .put("USER_SERVICE_URL", auth.url())
      .put("QUESTION_BANK_ENABLED", "false")
      .put("IMAGE_MAX_BYTES", 64 * 1024)
      .mergeIn(overrides);
    TestService service = new TestService(vertx, auth, config);
    service.deploy();
    return service;
  }

  static TestService start(Vertx vertx, String dbName) {
    return start(vertx, dbName, new JsonObject());
  }

  void deploy() {
    verticle = new QuestionVerticle();
    deployment = await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
  }

  void undeploy() {
    await(vertx.undeploy(deployment));
  }

  /** Empties the service's tables between tests. */
  void reset() {
    await(db.query("TRUNCATE questions, question_topics, seeded_slugs, images").execute());
  }

  HttpResponse<Buffer> get(String path, TestAuth.TestUser as) {
    return send(request(HttpMethod.GET, path, as), null);
  }

  HttpResponse<Buffer> post(String path, TestAuth.TestUser as, JsonObject body) {
    return send(request(HttpMethod.POST, path, as), body.toBuffer());
  }

  HttpResponse<Buffer> put(String path, TestAuth.TestUser as, JsonObject body, String ifMatch) {
    HttpRequest<Buffer> request = request(HttpMethod.PUT, path, as);
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    return send(request, body.toBuffer());
  }

  HttpResponse<Buffer> delete(String path, TestAuth.TestUser as) {
    return send(request(HttpMethod.DELETE, path, as), null);
  }

  HttpResponse<Buffer> raw(HttpMethod method, String path, TestAuth.TestUser as, MultiMap headers, Buffer body) {
    HttpRequest<Buffer> request = request(method, path, as);
    request.putHeaders(headers);
    return send(request, body);
  }

  HttpRequest<Buffer> request(HttpMethod method, String path, TestAuth.TestUser as) {
    HttpRequest<Buffer> request = client.request(method, path).timeout(10_000);
    if (as != null) {
      request.putHeader("Authorization", as.bearer());
    }
    return request;
  }

  /** Creates a question as the admin and returns it, failing the test when the service refuses. */
  JsonObject create(JsonObject body) {
    HttpResponse<Buffer> response = post("/questions", admin, body);
    if (response.statusCode() != 201) {
      throw new AssertionError("Creating " + body.getString("title") + " gave " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, Buffer body) {
    return await(body == null ? request.send() : request.sendBuffer(body));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("No answer within 30 seconds", e);
    }
  }

  void close() {
    client.close();
    await(db.close());
    await(auth.close());
  }
}
