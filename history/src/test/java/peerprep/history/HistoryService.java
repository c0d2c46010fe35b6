package peerprep.history;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import peerprep.common.auth.Auth;
import peerprep.common.db.DbSettings;
import peerprep.common.config.Settings;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestEnv;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The history-service deployed for one test class: its own fresh database on the embedded PostgreSQL,
 * a JWKS server for real tokens, a client, and a read-only look at the tables for assertions about rows.
 */
final class HistoryService {
  final TestAuth auth;
  final HistoryVerticle verticle;
  private final WebClient client;
  private final Pool db;

  private HistoryService(TestAuth auth, HistoryVerticle verticle, WebClient client, Pool db) {
    this.auth = auth;
    this.verticle = verticle;
    this.client = client;
    this.db = db;
  }

  static HistoryService start(Vertx vertx, String dbName, JsonObject extraConfig) {
    TestAuth auth = await(TestAuth.start(vertx));
    JsonObject config = TestEnv.config(dbName).put("USER_SERVICE_URL", auth.url()).mergeIn(extraConfig);
    HistoryVerticle verticle = new HistoryVerticle();
    await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
    WebClient client = WebClient.create(vertx, new WebClientOptions()
      .setDefaultHost("127.0.0.1").setDefaultPort(config.getInteger("PORT")), new PoolOptions().setHttp1MaxSize(32));
    DbSettings dbSettings = DbSettings.from(new Settings(config), dbName);
    Pool db = PgBuilder.pool().connectingTo(dbSettings.connectOptions()).using(vertx).build();
    return new HistoryService(auth, verticle, client, db);
  }

  static HistoryService start(Vertx vertx, String dbName) {
    return start(vertx, dbName, new JsonObject());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("No answer within 20 seconds", e);
    }
  }

  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path).timeout(15_000);
  }

  HttpRequest<Buffer> internal(HttpMethod method, String path) {
    return request(method, path).putHeader(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);
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
    return await(db.preparedQuery(sql).execute(Tuple.from(params))).iterator().next().getLong(0);
  }

  long attemptRows(String sessionId) {
    return count("SELECT count(*) FROM attempts WHERE session_id = $1", UUID.fromString(sessionId));
  }

  long attemptRows() {
    return count("SELECT count(*) FROM attempts");
  }
}
