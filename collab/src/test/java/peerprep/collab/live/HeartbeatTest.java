package peerprep.collab.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.collab.CollabConfig;
import peerprep.collab.session.Keys;
import peerprep.collab.session.NewSession;
import peerprep.collab.session.Participant;
import peerprep.collab.session.PresenceRepository;
import peerprep.collab.session.SessionRepository;
import peerprep.common.config.Settings;
import peerprep.common.testing.Await;
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedRedis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task's heartbeat against real Redis and a real socket served in this test: the socket code, the hub
 * and the repositories as the verticle wires them, with the heartbeat driven by the test.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Heartbeat: a connection the sweep removed is registered again only while its socket is open")
class HeartbeatTest {
  private final String sessionId = UUID.randomUUID().toString();
  private final Participant ada = new Participant(UUID.randomUUID().toString(), "ada");
  private Redis redis;
  private SessionHub hub;
  private PresenceRepository presence;
  private HttpServer server;
  private WebSocketClient client;
  private final Promise<Served> served = Promise.promise();

  /** The socket the server made for the test's client, and the event loop it lives on. */
  private record Served(CollabSocket socket, Context context) {
    String member() {
      return socket.connection().member();
    }
  }

  @BeforeEach
  void serve(Vertx vertx) {
    CollabConfig cfg = CollabConfig.from(new Settings(TestEnv.config(null)));
    redis = Redis.createClient(vertx, EmbeddedRedis.url());
    hub = new SessionHub(vertx, new RedisOptions().setConnectionString(EmbeddedRedis.url()));
    SessionRepository sessions = new SessionRepository(redis, cfg.timing().sessionTtlMs(), cfg.timing().abandonGraceMs());
    presence = new PresenceRepository(redis, cfg.timing().abandonGraceMs(), cfg.timing().sessionTtlMs());
    LiveContext live = new LiveContext(vertx, sessions, presence, hub, cfg.limits(), cfg.heartbeat());
    Participant linus = new Participant(UUID.randomUUID().toString(), "linus");
    NewSession session = new NewSession(UUID.randomUUID().toString(), List.of(ada, linus), new JsonObject().put("id", "q")
      .put("title", "Q").put("difficulty", "Easy").put("topics", new JsonArray()), "python", Map.of());
    Await.of(hub.start().compose(v -> sessions.create(session, sessionId, Instant.now())));
    server = Await.of(vertx.createHttpServer().requestHandler(request -> request.toWebSocket().onSuccess(ws -> {
      CollabSocket socket = new CollabSocket(ws, request.connection(), live, sessionId, session.matchId(), ada);
      socket.open();
      served.complete(new Served(socket, Vertx.currentContext()));
    })).listen(0, "127.0.0.1"));
    client = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() {
    Await.of(client.close().eventually(() -> server.close()).eventually(() -> hub.close()).eventually(() -> redis.close()));
  }

  @Test
  @DisplayName("A socket that closes while the heartbeat finds its connection missing leaves no registration behind")
  void closedDuringTheBeat(Vertx vertx) {
    Served s = connectedThenSwept(vertx);

    beat(s, () -> s.socket().closeWith((short) 1000, "Leaving"));

    assertThat(registered(s.member())).as("registered after the beat").isFalse();
  }

  @Test
  @DisplayName("An open socket whose connection the sweep removed is registered again by the next beat")
  void openSocketRegisteredAgain(Vertx vertx) {
    Served s = connectedThenSwept(vertx);

    beat(s, () -> { });

    assertThat(registered(s.member())).as("registered after the beat").isTrue();
  }

  /** The test's client says hello, its socket is registered, then removed from Redis as the stale sweep would. */
  private Served connectedThenSwept(Vertx vertx) {
    WebSocket ws = Await.of(client.connect(server.actualPort(), "127.0.0.1", "/"));
    ws.writeTextMessage(new JsonObject().put("type", "hello").encode());
    Served s = Await.of(served.future());
    Await.until(vertx, () -> registered(s.member()));
    Await.of(redis.send(Request.cmd(Command.ZREM).arg(Keys.CONNECTIONS).arg(s.member())));
    return s;
  }

  /** Runs one beat on the socket's event loop, then {@code sameTurn} in the same turn; waits for the beat to finish. */
  private void beat(Served s, Runnable sameTurn) {
    Heartbeat heartbeat = new Heartbeat(hub, presence);
    Promise<Void> done = Promise.promise();
    s.context().runOnContext(v -> {
      heartbeat.beat().onComplete(done);
      sameTurn.run();
    });
    Await.of(done.future());
  }

  private boolean registered(String member) {
    return Await.of(redis.send(Request.cmd(Command.ZSCORE).arg(Keys.CONNECTIONS).arg(member))) != null;
  }
}
