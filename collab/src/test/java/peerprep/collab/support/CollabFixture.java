package peerprep.collab.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import peerprep.collab.CollabVerticle;
import peerprep.common.auth.Auth;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.TestEnv;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What collaboration tests do with the service that {@link ServiceFixture} runs: sessions created as the
 * matching service creates them, read as services and participants read them, and editors joined to them
 * over the WebSocket. Instances are numbered as the fixture numbers them.
 */
public final class CollabFixture {
  /** A short start-up warm-up for every test task; LoopbackWarmupTest runs a longer one. */
  static final int WARMUP_PUSHES = 10;
  private final ServiceFixture<CollabVerticle> service;

  private CollabFixture(ServiceFixture<CollabVerticle> service) {
    this.service = service;
  }

  /** The service of a collaboration test class: {@code instances} tasks and the history stand-in. */
  public static ServiceFixture<CollabVerticle> service(int instances, JsonObject config) {
    JsonObject withDefaults = new JsonObject().put("COLLAB_WARMUP_PUSHES", WARMUP_PUSHES).mergeIn(config);
    return ServiceFixture.of(CollabVerticle::new).instances(instances).config(withDefaults).with(HistoryStub::start);
  }

  /** The same with the real execution service, for running code; the class is skipped where it cannot run code. */
  public static ServiceFixture<CollabVerticle> withExecution(int instances, JsonObject config) {
    return service(instances, config).assuming(ExecutionPeer::assumeSandbox).with(ExecutionPeer::start);
  }

  /** The helpers over a started {@link #service}; call from {@code @BeforeAll}. */
  public static CollabFixture of(ServiceFixture<CollabVerticle> service) {
    return new CollabFixture(service);
  }

  public Vertx vertx() {
    return service.vertx();
  }

  public int port(int instance) {
    return service.port(instance);
  }

  public WebClient http() {
    return service.http();
  }

  public TestAuth auth() {
    return service.auth();
  }

  public TestUser user(String name) {
    return service.auth().user(name);
  }

  public HistoryStub history() {
    return service.companion(HistoryStub.class);
  }

  /**
   * Stops instance {@code i}, keeping its slot and port. The fixture's own {@code undeploy} waits for the
   * stop, which no Vert.x thread may do; tests stop an instance from a typing callback, so this waits on a
   * thread of its own and answers a future on the caller's context.
   */
  public Future<Void> undeploy(int i) {
    return offVertx(() -> service.undeploy(i));
  }

  /** Starts instance {@code i} again on its port, as {@link #undeploy} stops it. */
  public Future<Void> redeploy(int i) {
    return offVertx(() -> service.redeploy(i));
  }

  private Future<Void> offVertx(Runnable wait) {
    return Future.fromCompletionStage(CompletableFuture.runAsync(wait), vertx().getOrCreateContext());
  }

  /** A fresh client of {@code user}, connected to instance {@code i} and in sync with the session. */
  public Future<CollabClient> join(int i, TestUser user, String sessionId) {
    CollabClient c = new CollabClient(vertx());
    return c.connectAndSync(port(i), sessionId, user.token(), true).map(c);
  }

  /** A session with both participants' editors joined and in sync. */
  public record Pair(String id, CollabClient a, CollabClient b) {
  }

  /** A session with the first participant's editor joined and in sync. */
  public record Solo(String id, CollabClient a) {
  }

  /** A new session of {@code a} and {@code b}, their editors joined to instances {@code i} and {@code j}, in that order. */
  public Future<Pair> pair(TestUser a, int i, TestUser b, int j) {
    return createSession(a, b).compose(id -> joinBoth(id, a, i, b, j));
  }

  private Future<Pair> joinBoth(String id, TestUser a, int i, TestUser b, int j) {
    return join(i, a, id).compose(first -> join(j, b, id).map(second -> new Pair(id, first, second)));
  }

  /** A new session of {@code a} and {@code b}, only {@code a}'s editor joined, to instance {@code i}. */
  public Future<Solo> solo(TestUser a, TestUser b, int i) {
    return createSession(a, b).compose(id -> join(i, a, id).map(client -> new Solo(id, client)));
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
    return http().post(port(instance), "localhost", "/internal/sessions")
      .putHeader(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN).sendJsonObject(body);
  }

  /** Creates a session for the two users through instance 0 and returns its id. */
  public Future<String> createSession(TestUser a, TestUser b) {
    return createSession(0, a, b);
  }

  /** Creates a session for the two users through instance {@code i} and returns its id. */
  public Future<String> createSession(int i, TestUser a, TestUser b) {
    return createSession(http(), port(i), a, b);
  }

  /** Creates a session for the two users through the service on {@code port}, as matching does; its id. */
  public static Future<String> createSession(WebClient http, int port, TestUser a, TestUser b) {
    return http.post(port, "localhost", "/internal/sessions").putHeader(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN)
      .sendJsonObject(sessionRequest(UUID.randomUUID().toString(), a, b))
      .map(r -> {
        if (r.statusCode() != 201) {
          throw new IllegalStateException("session creation answered " + r.statusCode() + ": " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("sessionId");
      });
  }

  public Future<JsonObject> internalSession(String id) {
    return http().get(port(0), "localhost", "/internal/sessions/" + id)
      .putHeader(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN).send().map(HttpResponse::bodyAsJsonObject);
  }

  public Future<JsonObject> session(int instance, TestUser user, String id) {
    return http().get(port(instance), "localhost", "/sessions/" + id).putHeader("Authorization", user.bearer()).send()
      .map(HttpResponse::bodyAsJsonObject);
  }
}
