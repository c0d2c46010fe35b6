package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import peerprep.common.testing.Await;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth;

/** The question-service as a test talks to it: the fixture that deploys it, token holders and HTTP helpers. */
final class TestService {
  /** The tables a test empties to start from an empty bank. */
  static final String[] TABLES = {"questions", "question_topics", "seeded_slugs", "images"};
  final ServiceFixture<QuestionVerticle> fixture;
  final TestAuth auth;
  final WebClient client;
  final Pool db;
  final TestAuth.TestUser admin;
  final TestAuth.TestUser user;

  /** The service on a fresh database; the bank is off unless a test class switches it on. */
  static ServiceFixture<QuestionVerticle> fixture() {
    return ServiceFixture.of(QuestionVerticle::new).database()
      .config("QUESTION_BANK_ENABLED", "false")
      .config("IMAGE_MAX_BYTES", 64 * 1024);
  }

  /** The client of a started fixture (call from {@code @BeforeAll}). */
  TestService(ServiceFixture<QuestionVerticle> fixture) {
    this.fixture = fixture;
    this.auth = fixture.auth();
    this.client = fixture.http();
    this.db = fixture.db();
    this.admin = auth.admin("ada");
    this.user = auth.user("linus");
  }

  QuestionVerticle verticle() {
    return fixture.verticle();
  }

  /** Stops the service; {@link #deploy} starts it again on the same port and database. */
  void undeploy() {
    fixture.undeploy(0);
  }

  void deploy() {
    fixture.redeploy(0);
  }

  /** Empties the service's tables. */
  void reset() {
    await(db.query("TRUNCATE " + String.join(", ", TABLES)).execute());
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
    return Await.of(future);
  }
}
