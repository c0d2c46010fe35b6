package peerprep.matching;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.SilentPeerProxy;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;
import static peerprep.matching.Harness.expect;

/** Users whose network vanished, and requests Redis lost. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivenessTest {
  private static final long INTERVAL_MS = 200;
  private static final long DEADLINE_MS = 800;
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(1, new JsonObject()
    .put("MATCH_RELAX_AFTER_MS", 60_000).put("MATCH_TIMEOUT_MS", 60_000)
    .put("MATCH_DISCONNECT_GRACE_MS", 5_000).put("MATCH_SWEEP_INTERVAL_MS", 100)
    .put("WS_PING_INTERVAL_MS", INTERVAL_MS).put("WS_PONG_DEADLINE_MS", DEADLINE_MS).put("WS_CLOSE_GRACE_MS", 300));
  private static Harness h;

  @BeforeAll
  static void start() {
    h = Harness.over(SERVICE);
  }

  @Test
  @DisplayName("A user whose network vanished leaves the queue within the heartbeat deadline and a newcomer is not paired with them")
  void vanishedUserIsNotPaired() {
    String topic = Harness.topic();
    TestUser ann = h.user("ann-vanish");
    TestUser bob = h.user("bob-vanish");
    SilentPeerProxy proxy = await(SilentPeerProxy.start(h.vertx, h.port(0)));
    WsClient annSocket = await(WsClient.connect(h.sockets, proxy.port(), ann.token()));
    await(annSocket.request(topic, "Easy"));
    expect(annSocket, "queued");
    proxy.vanish();
    h.elapse(DEADLINE_MS + INTERVAL_MS + 300);

    WsClient bobSocket = h.connect(0, bob);
    await(bobSocket.request(topic, "Easy"));
    expect(bobSocket, "queued");
    JsonObject annRequest = h.call(0, HttpMethod.GET, "/match/requests/me", ann, null).bodyAsJsonObject();
    assertThat(annRequest.getString("state")).isEqualTo("disconnected");
    await(bobSocket.close());
    await(proxy.close());
  }

  @Test
  @DisplayName("A ping frame is answered with a pong frame")
  void pingIsAnswered() {
    WsClient socket = h.connect(0, h.user("pinger"));
    await(socket.send(new JsonObject().put("type", "ping")));
    expect(socket, "pong");
    await(socket.close());
  }

  @Test
  @Order(Integer.MAX_VALUE)
  @DisplayName("After Redis lost its data a waiting socket is told its request was lost, so the user can ask again")
  void lostRequestIsReported() {
    String topic = Harness.topic();
    TestUser ann = h.user("ann-lost");
    WsClient annSocket = h.connect(0, ann);
    await(annSocket.request(topic, "Medium"));
    String requestId = expect(annSocket, "queued").getString("requestId");
    EmbeddedRedis.flushAll();
    JsonObject lost = expect(annSocket, "lost");
    assertThat(lost.getString("requestId")).isEqualTo(requestId);
    assertThat(lost.getString("detail")).contains("ask for a match again");
    await(annSocket.request(topic, "Medium"));
    expect(annSocket, "queued");
    await(annSocket.close());
  }
}
