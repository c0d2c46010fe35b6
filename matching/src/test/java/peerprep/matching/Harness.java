package peerprep.matching;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import peerprep.common.testing.Await;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedDatabases;
import peerprep.testkit.EmbeddedRedis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helpers of matching's tests over one or more matching-service instances on the embedded PostgreSQL
 * and Redis, with a token issuer and stub peers: in a test class, over common's {@link ServiceFixture}
 * (see {@link #fixture}); in a benchmark, started by {@link #start}.
 */
final class Harness {
  static final long WAIT_SECONDS = 20;
  final Vertx vertx;
  final TestAuth auth;
  final StubPeers peers;
  final List<MatchingVerticle> instances = new ArrayList<>();
  final WebClient http;
  final WebSocketClient sockets;
  final Pool db;
  final Clock clock;
  JsonObject config;
  private final List<String> deployments = new ArrayList<>();

  private Harness(Vertx vertx, TestAuth auth, StubPeers peers, Pool db, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.auth = auth;
    this.peers = peers;
    this.db = db;
    this.http = WebClient.create(vertx);
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(2000));
  }

  /**
   * The fixture of a test class: {@code count} instances sharing a fresh database and the Redis, with the
   * rules given (MATCH_* keys), their queue on {@code clock}, and stub peers.
   */
  static ServiceFixture<MatchingVerticle> fixture(Clock clock, int count, JsonObject rules) {
    return ServiceFixture.of(() -> new MatchingVerticle(clock)).database().with(StubPeers::start)
      .instances(count).config(rules);
  }

  static ServiceFixture<MatchingVerticle> fixture(int count, JsonObject rules) {
    return fixture(Clock.systemUTC(), count, rules);
  }

  /** The helpers over a fixture that has started (call it from {@code @BeforeAll}); the fixture stops it all. */
  static Harness over(ServiceFixture<MatchingVerticle> fixture, Clock clock) {
    Harness h = new Harness(fixture.vertx(), fixture.auth(), fixture.companion(StubPeers.class), fixture.db(), clock);
    h.config = fixture.config();
    for (int i = 0; i < fixture.instanceCount(); i++) {
      h.instances.add(fixture.verticle(i));
    }
    return h;
  }

  static Harness over(ServiceFixture<MatchingVerticle> fixture) {
    return over(fixture, Clock.systemUTC());
  }

  /** Starts {@code count} instances sharing one database and Redis, outside JUnit (the benchmark). */
  static Harness start(Vertx vertx, String dbName, int count, JsonObject rules) {
    TestAuth auth = await(TestAuth.start(vertx));
    StubPeers peers = await(StubPeers.start(vertx));
    JsonObject base = TestEnv.config(dbName).put("USER_SERVICE_URL", auth.url()).mergeIn(peers.config())
      .mergeIn(rules);
    Pool db = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
      .connectingTo(new PgConnectOptions().setHost("localhost").setPort(EmbeddedDatabases.port())
        .setDatabase(base.getString("DB_NAME")).setUser(EmbeddedDatabases.user()).setPassword(EmbeddedDatabases.password()))
      .using(vertx).build();
    Harness h = new Harness(vertx, auth, peers, db, Clock.systemUTC());
    h.config = base;
    for (int i = 0; i < count; i++) {
      JsonObject config = base.copy().put("PORT", i == 0 ? base.getInteger("PORT") : EmbeddedRedis.freePort());
      MatchingVerticle verticle = new MatchingVerticle();
      h.deployments.add(await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))));
      h.instances.add(verticle);
    }
    return h;
  }

  /** Stops what {@link #start} started. */
  void stop() {
    for (String id : deployments) {
      await(vertx.undeploy(id));
    }
    sockets.close();
    http.close();
    await(db.close());
    await(peers.close());
    await(auth.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Nothing happened within " + WAIT_SECONDS + " s", e);
    }
  }

  /** A topic no other test uses, so tests sharing the Redis never meet. */
  static String topic() {
    return "topic-" + UUID.randomUUID().toString().substring(0, 8);
  }

  int port(int instance) {
    return instances.get(instance).port();
  }

  TestUser user(String name) {
    return auth.user(name);
  }

  WsClient connect(int instance, TestUser user) {
    return await(WsClient.connect(sockets, port(instance), user == null ? null : user.token()));
  }

  /** Why opening a socket with this token failed. */
  Throwable connectFailure(int instance, String token) {
    Future<WsClient> attempt = WsClient.connect(sockets, port(instance), token);
    try {
      attempt.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("The handshake got no answer", e);
    } catch (RuntimeException e) {
      return attempt.cause();
    }
    throw new AssertionError("The socket was opened");
  }

  /** The next frame of the socket, which must be of the given type. */
  static JsonObject expect(WsClient client, String type) {
    JsonObject frame = await(client.next());
    assertThat(frame.getString("type")).as("frame %s", frame.encode()).isEqualTo(type);
    return frame;
  }

  /** The next frame of the given type, passing over frames of the allowed types only. */
  static JsonObject expectPast(WsClient client, String type, String... allowed) {
    while (true) {
      JsonObject frame = await(client.next());
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
      assertThat(frame.getString("type")).as("frame %s", frame.encode()).isIn((Object[]) allowed);
    }
  }

  HttpResponse<Buffer> call(int instance, HttpMethod method, String path, TestUser user, JsonObject body) {
    var req = http.request(method, port(instance), "127.0.0.1", path);
    if (user != null) {
      req.putHeader("Authorization", user.bearer());
    }
    return await(body == null ? req.send() : req.sendJsonObject(body));
  }

  /** Waits a span of real time whose passing is the rule under test (a heartbeat deadline), not an event. */
  void elapse(long ms) {
    await(vertx.timer(ms));
  }

  /** Moves the test clock on, then has every instance sweep, so what fell due meanwhile has happened. */
  void advance(long ms) {
    ((TestClock) clock).advance(ms);
    for (MatchingVerticle instance : instances) {
      await(instance.sweepNow());
    }
  }

  /**
   * Waits until the server has taken every socket off the request, the Redis write that starts its
   * disconnect grace. No event announces it, so Redis is read until it shows.
   */
  void detached(String requestId) {
    Redis redis = Redis.createClient(vertx, EmbeddedRedis.url());
    try {
      Request hlen = Request.cmd(Command.HLEN).arg("peerprep:{match}:sock:" + requestId);
      Await.until(vertx, () -> await(redis.send(hlen)).toLong() == 0);
    } finally {
      redis.close();
    }
  }

  /** How many rows the match log holds for a topic. */
  long recorded(String topic) {
    return await(db.preparedQuery("SELECT count(*) FROM matches WHERE topic = $1")
      .execute(io.vertx.sqlclient.Tuple.of(topic))).iterator().next().getLong(0);
  }
}
