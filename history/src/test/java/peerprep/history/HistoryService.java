package peerprep.history;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import peerprep.common.testing.Await;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth;

import java.util.UUID;

/**
 * The history-service as a test talks to it: the fixture that deploys it once per class on a fresh
 * database, real tokens, a client, and a read-only look at the tables for assertions about rows.
 */
final class HistoryService {
  final ServiceFixture<HistoryVerticle> fixture;
  final TestAuth auth;

  static ServiceFixture<HistoryVerticle> fixture() {
    return ServiceFixture.of(HistoryVerticle::new).database();
  }

  /** The client of a started fixture (call from {@code @BeforeAll}). */
  HistoryService(ServiceFixture<HistoryVerticle> fixture) {
    this.fixture = fixture;
    this.auth = fixture.auth();
  }

  HistoryVerticle verticle() {
    return fixture.verticle();
  }

  static <T> T await(Future<T> future) {
    return Await.of(future);
  }

  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return fixture.request(method, path);
  }

  HttpRequest<Buffer> internal(HttpMethod method, String path) {
    return fixture.internal(method, path);
  }

  HttpRequest<Buffer> as(TestAuth.TestUser user, String path) {
    return request(HttpMethod.GET, path).putHeader("Authorization", user.bearer());
  }

  Future<HttpResponse<Buffer>> postAttempt(JsonObject attempt) {
    return internal(HttpMethod.POST, "/internal/attempts").sendJsonObject(attempt);
  }

  /** Posts an attempt and insists it was stored, for tests whose subject comes after. */
  JsonObject record(JsonObject attempt) {
    HttpResponse<Buffer> r = await(postAttempt(attempt));
    if (r.statusCode() != 201) {
      throw new AssertionError("Recording failed with " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  long count(String sql, Object... params) {
    return fixture.count(sql, params);
  }

  long attemptRows(String sessionId) {
    return count("SELECT count(*) FROM attempts WHERE session_id = $1", UUID.fromString(sessionId));
  }

  long attemptRows() {
    return count("SELECT count(*) FROM attempts");
  }
}
