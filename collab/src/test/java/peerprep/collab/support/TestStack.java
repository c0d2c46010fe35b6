package peerprep.collab.support;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import peerprep.collab.CollabVerticle;
import peerprep.common.auth.Auth;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.TestEnv;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The collaboration service under test: one or more instances (each with its own port) sharing the
 * embedded Redis, a real token issuer with its JWKS server, and a stub history service.
 */
public final class TestStack {
  private final Vertx vertx;
  private final TestAuth auth;
  private final HistoryStub history;
  private final JsonObject overrides;
  private final WebClient http;
  private final List<Instance> instances = new ArrayList<>();

  private TestStack(Vertx vertx, TestAuth auth, HistoryStub history, JsonObject overrides) {
    this.vertx = vertx;
    this.auth = auth;
    this.history = history;
    this.overrides = overrides;
    this.http = WebClient.create(vertx);
  }

  public static Future<TestStack> start(Vertx vertx, int count, JsonObject overrides) {
    return TestAuth.start(vertx).compose(auth -> HistoryStub.start(vertx)
      .map(history -> new TestStack(vertx, auth, history, overrides)))
      .compose(stack -> {
        Future<?> chain = Future.succeededFuture();
        for (int i = 0; i < count; i++) {
          chain = chain.compose(v -> stack.deploy());
        }
        return chain.map(stack);
      });
  }

  public JsonObject config() {
    return TestEnv.config(null)
      .put("USER_SERVICE_URL", auth.url())
      .put("HISTORY_SERVICE_URL", history.url())
      .mergeIn(overrides);
  }

  /** Deploys one more instance on a fresh port; returns its index. */
  public Future<Integer> deploy() {
    JsonObject config = config();
    CollabVerticle verticle = new CollabVerticle();
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).map(id -> {
      instances.add(new Instance(id, config.getInteger("PORT"), verticle));
      return instances.size() - 1;
    });
  }

  /**
   * Deploys {@code count} instances at once on one fresh port, as {@code COLLAB_INSTANCES} does in a task;
   * returns their indexes (one deployment, so {@link #undeploy} of any of them stops all).
   */
  public Future<List<Integer>> deployOnOnePort(int count) {
    JsonObject config = config();
    List<CollabVerticle> created = new ArrayList<>();
    return vertx.deployVerticle(() -> {
      CollabVerticle v = new CollabVerticle();
      synchronized (created) {
        created.add(v);
      }
      return v;
    }, new DeploymentOptions().setConfig(config).setInstances(count)).map(id -> {
      List<Integer> indexes = new ArrayList<>();
      for (CollabVerticle v : created) {
        instances.add(new Instance(id, config.getInteger("PORT"), v));
        indexes.add(instances.size() - 1);
      }
      return indexes;
    });
  }

  /** Stops instance {@code i}; it keeps its slot (and port) so it can be started again with {@link #redeploy}. */
  public Future<Void> undeploy(int i) {
    return vertx.undeploy(instances.get(i).deploymentId());
  }

  public Future<Void> redeploy(int i) {
    JsonObject config = config().put("PORT", instances.get(i).port());
    CollabVerticle verticle = new CollabVerticle();
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
      .map(id -> {
        instances.set(i, new Instance(id, instances.get(i).port(), verticle));
        return null;
      });
  }

  /** A fresh client of {@code user}, connected to instance {@code i} and in sync with the session. */
  public Future<CollabClient> join(int i, TestUser user, String sessionId) {
    CollabClient c = new CollabClient(vertx);
    return c.connectAndSync(port(i), sessionId, user.token(), true).map(c);
  }

  public int port(int i) {
    return instances.get(i).port();
  }

  public CollabVerticle verticle(int i) {
    return instances.get(i).verticle();
  }

  public TestAuth auth() {
    return auth;
  }

  public HistoryStub history() {
    return history;
  }

  public WebClient http() {
    return http;
  }

  public TestUser user(String name) {
    return auth.user(name);
  }

  /** The body matching would send for a session of these two users. */
  public static JsonObject sessionRequest(String matchId, TestUser a, TestUser b) {
    return new JsonObject()
      .put("matchId", matchId)
      .put("participants", new JsonArray()
        .add(new JsonObject().put("id", a.id()).put("username", a.username()))
        .add(new JsonObject().put("id", b.id()).put("username", b.username())))
      .put("question", new JsonObject().put("id", "q-1").put("title", "Two Sum").put("difficulty", "Easy")
        .put("topics", new JsonArray().add("arrays").add("hashing")))
      .put("language", "python");
  }

  public Future<HttpResponse<Buffer>> postSession(int instance, JsonObject body) {
    return http.post(port(instance), "localhost", "/internal/sessions")
      .putHeader(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN).sendJsonObject(body);
  }

  /** Creates a session for the two users through instance 0 and returns its id. */
  public Future<String> createSession(TestUser a, TestUser b) {
    return postSession(0, sessionRequest(UUID.randomUUID().toString(), a, b))
      .map(r -> {
        if (r.statusCode() != 201) {
          throw new IllegalStateException("session creation answered " + r.statusCode() + ": " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("sessionId");
      });
  }

  public Future<JsonObject> internalSession(String id) {
    return http.get(port(0), "localhost", "/internal/sessions/" + id)
      .putHeader(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN).send().map(HttpResponse::bodyAsJsonObject);
  }

  public Future<JsonObject> session(int instance, TestUser user, String id) {
    return http.get(port(instance), "localhost", "/sessions/" + id).putHeader("Authorization", user.bearer()).send()
      .map(HttpResponse::bodyAsJsonObject);
  }

  /** Undeploys the instances first, so they stop while Redis is still reachable, then the stubs. */
  public Future<Void> close() {
    List<Future<Void>> stops = new ArrayList<>();
    for (String id : instances.stream().map(Instance::deploymentId).distinct().toList()) {
      if (vertx.deploymentIDs().contains(id)) {
        stops.add(vertx.undeploy(id));
      }
    }
    return Future.join(stops).eventually(() -> {
      http.close();
      return history.close().compose(v -> auth.close());
    }).mapEmpty();
  }

  private record Instance(String deploymentId, int port, CollabVerticle verticle) {
  }
}
