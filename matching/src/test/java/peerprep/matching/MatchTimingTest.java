package peerprep.matching;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;
import static peerprep.matching.Harness.expect;
import static peerprep.matching.Harness.expectPast;
import static peerprep.matching.Harness.topic;

/** Relaxation, timeouts and disconnects, on a clock the tests move: no test waits for time to pass. */
class MatchTimingTest {
  private static final long RELAX = 1_200;
  private static final long TIMEOUT = 3_500;
  private static final long GRACE = 1_000;
  private static final long SWEEP = 50;
  private static final TestClock CLOCK = new TestClock();
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(CLOCK, 2, new JsonObject()
    .put("MATCH_RELAX_AFTER_MS", RELAX).put("MATCH_TIMEOUT_MS", TIMEOUT)
    .put("MATCH_DISCONNECT_GRACE_MS", GRACE).put("MATCH_SWEEP_INTERVAL_MS", SWEEP));
  private static Harness h;

  @BeforeAll
  static void start() {
    h = Harness.over(SERVICE, CLOCK);
  }

  private String lastRequest;

  private WsClient waiting(int instance, TestUser user, String topic, String difficulty) {
    WsClient c = h.connect(instance, user);
    c.request(topic, difficulty);
    lastRequest = expect(c, "queued").getString("requestId");
    return c;
  }

  @Test
  @DisplayName("After the relax wait a request also matches another difficulty of its topic, on the partner's difficulty")
  void relaxation() {
    String topic = topic();
    TestUser ada = h.user("ada");
    TestUser bob = h.user("bob");
    WsClient a = h.connect(0, ada);
    a.request(topic, "Easy");
    JsonObject queued = expect(a, "queued");
    h.advance(10);
    WsClient b = waiting(1, bob, topic, "Hard");
    h.advance(RELAX - 10);

    JsonObject relaxed = expect(a, "relaxed");
    assertThat(relaxed.getString("difficulty")).isEqualTo("any");
    JsonObject toA = expect(a, "matched");
    JsonObject toB = expect(b, "matched");
    assertThat(CLOCK.instant()).isAfterOrEqualTo(Instant.parse(queued.getString("relaxAt")));
    assertThat(toA.getBoolean("relaxed")).isTrue();
    assertThat(toA.getJsonObject("partner").getString("id")).isEqualTo(bob.id());
    assertThat(toB.getJsonObject("question").getString("difficulty"))
      .as("the one who did not relax gets the difficulty they asked for").isEqualTo("Hard");
    assertThat(h.recorded(topic)).isEqualTo(1);
  }

  @Test
  @DisplayName("A relaxed request is matched with the oldest waiting request of its topic, whatever its difficulty")
  void oldestFirst() {
    String topic = topic();
    TestUser first = h.user("first");
    TestUser second = h.user("second");
    TestUser third = h.user("third");
    WsClient a = waiting(0, first, topic, "Easy");
    h.advance(10);
    WsClient b = waiting(1, second, topic, "Hard");
    h.advance(10);
    WsClient c = waiting(0, third, topic, "Medium");
    h.advance(RELAX - 20);

    JsonObject toA = expect(expectRelaxed(a), "matched");
    assertThat(toA.getJsonObject("partner").getString("id")).as("the older of the two others").isEqualTo(second.id());
    expectPast(b, "matched", "relaxed");
    h.advance(20);
    expect(c, "relaxed");
    h.advance(TIMEOUT - RELAX);
    assertThat(expect(c, "timeout").getString("detail")).contains(topic).contains("Medium");
  }

  private static WsClient expectRelaxed(WsClient c) {
    expect(c, "relaxed");
    return c;
  }

  @Test
  @DisplayName("A request nobody matches times out with a clear message, and the REST view shows it")
  void timeout() {
    String topic = topic();
    TestUser lonely = h.user("lonely");
    WsClient c = waiting(0, lonely, topic, "Medium");
    h.advance(RELAX);
    expect(c, "relaxed");
    h.advance(TIMEOUT - RELAX);
    JsonObject end = expect(c, "timeout");
    assertThat(end.getString("detail")).contains("No partner was found").contains(topic);
    JsonObject mine = h.call(1, HttpMethod.GET, "/match/requests/me", lonely, null).bodyAsJsonObject();
    assertThat(mine.getString("state")).isEqualTo("timeout");
    assertThat(mine.getString("detail")).isEqualTo(end.getString("detail"));

    WsClient again = h.connect(1, lonely);
    assertThat(expect(again, "timeout").getString("requestId")).as("a reconnect learns how it ended")
      .isEqualTo(end.getString("requestId"));
  }

  @Test
  @DisplayName("A user disconnected past the grace leaves the queue and is never matched: a newcomer is queued instead")
  void ghostIsNeverMatched() {
    String topic = topic();
    TestUser ghost = h.user("ghost");
    WsClient c = waiting(0, ghost, topic, "Easy");
    await(c.close());
    h.detached(lastRequest);
    h.advance(GRACE + 4 * SWEEP);

    WsClient newcomer = h.connect(1, h.user("newcomer"));
    newcomer.request(topic, "Easy");
    assertThat(expect(newcomer, "queued").getInteger("waiting")).isEqualTo(1);
    assertThat(h.call(0, HttpMethod.GET, "/match/requests/me", ghost, null).bodyAsJsonObject().getString("state"))
      .isEqualTo("disconnected");
  }

  @Test
  @DisplayName("The sweeper takes a disconnected user out of the queue once the grace has passed")
  void sweeperRemovesGhosts() {
    String topic = topic();
    TestUser leaver = h.user("leaver");
    WsClient c = waiting(1, leaver, topic, "Hard");
    assertThat(waitingCount(topic, "Hard")).isEqualTo(1);
    await(c.close());
    h.detached(lastRequest);
    h.advance(GRACE + 10 * SWEEP);
    assertThat(waitingCount(topic, "Hard")).isZero();
    assertThat(h.call(0, HttpMethod.GET, "/match/requests/me", leaver, null).bodyAsJsonObject().getString("state"))
      .as("removed as gone, not timed out").isEqualTo("disconnected");
  }

  @Test
  @DisplayName("A user who reconnects within the grace keeps the request, is shown it, and is matched later")
  void reconnectWithinGrace() {
    String topic = topic();
    TestUser ada = h.user("ada");
    WsClient before = waiting(0, ada, topic, "Medium");
    await(before.close());
    WsClient after = h.connect(1, ada);
    String id = expect(after, "queued").getString("requestId");
    h.advance(GRACE + 4 * SWEEP);

    WsClient partner = h.connect(0, h.user("partner"));
    partner.request(topic, "Medium");
    expect(partner, "matching");
    // the wait may have relaxed the request, which changes nothing for a partner of the same difficulty
    assertThat(expectPast(after, "matched", "relaxed").getString("requestId")).isEqualTo(id);
  }

  @Test
  @DisplayName("A request made over REST stays while it is polled and leaves the queue when polling stops")
  void restPresence() {
    String topic = topic();
    TestUser poller = h.user("poller");
    h.call(0, HttpMethod.POST, "/match/requests", poller, new JsonObject().put("topic", topic).put("difficulty", "Easy"));
    h.advance(GRACE / 2);
    assertThat(h.call(1, HttpMethod.GET, "/match/requests/me", poller, null).bodyAsJsonObject().getString("state"))
      .isEqualTo("waiting");
    h.advance(GRACE / 2 + 2 * SWEEP);
    assertThat(waitingCount(topic, "Easy")).as("polled within the grace").isEqualTo(1);
    h.advance(GRACE + 4 * SWEEP);
    assertThat(waitingCount(topic, "Easy")).as("not polled for longer than the grace").isZero();
  }

  private int waitingCount(String topic, String difficulty) {
    JsonObject stats = h.call(0, HttpMethod.GET, "/match/stats", h.user("viewer"), null).bodyAsJsonObject();
    return stats.getJsonArray("queues").stream().map(JsonObject.class::cast)
      .filter(q -> q.getString("topic").equals(topic) && q.getString("difficulty").equals(difficulty))
      .mapToInt(q -> q.getInteger("waiting")).sum();
  }
}
