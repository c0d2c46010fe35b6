package peerprep.matching;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Principal;
import peerprep.common.config.Settings;
import peerprep.common.redis.Redises;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.matching.queue.Enqueued;
import peerprep.matching.queue.MatchQueue;
import peerprep.matching.queue.MatchRequest;
import peerprep.matching.queue.MatchRules;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;
import static peerprep.matching.Harness.expect;
import static peerprep.matching.Harness.expectPast;
import static peerprep.matching.Harness.topic;

/**
 * What happens to a pair when the question, history or collaboration service fails, or a task stops
 * mid-match; the retry back-off and the job lease pass on a clock the tests move.
 */
class PeerFailureTest {
  private static final TestClock CLOCK = new TestClock();
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(CLOCK, 1, new JsonObject()
    .put("MATCH_RELAX_AFTER_MS", 60_000).put("MATCH_TIMEOUT_MS", 20_000)
    .put("MATCH_DISCONNECT_GRACE_MS", 2_000).put("MATCH_SWEEP_INTERVAL_MS", 50)
    .put("MATCH_RETRY_BACKOFF_MS", 1_000).put("MATCH_PEER_TIMEOUT_MS", 1_000).put("MATCH_JOB_LEASE_MS", 3_500));
  private static Harness h;

  @BeforeAll
  static void start() {
    h = Harness.over(SERVICE, CLOCK);
  }

  @AfterEach
  void healPeers() {
    h.peers.pick = StubPeers.Mode.OK;
    h.peers.sessions = StubPeers.Mode.OK;
    h.peers.history = StubPeers.Mode.OK;
  }

  private WsClient waiting(TestUser user, String topic) {
    WsClient c = h.connect(0, user);
    c.request(topic, "Easy");
    expect(c, "queued");
    return c;
  }

  private WsClient joining(TestUser user, String topic) {
    WsClient c = h.connect(0, user);
    c.request(topic, "Easy");
    expect(c, "matching");
    return c;
  }

  private void requeuedThenMatched(Runnable heal, String service) {
    String topic = topic();
    TestUser ada = h.user("ada");
    WsClient a = h.connect(0, ada);
    a.request(topic, "Easy");
    String enqueuedAt = expect(a, "queued").getString("enqueuedAt");
    WsClient b = h.connect(0, h.user("bob"));
    b.request(topic, "Easy");
    expect(b, "matching");

    assertThat(expect(a, "requeued").getString("detail")).contains(service).contains("front of the queue");
    expect(b, "requeued");
    JsonObject back = h.call(0, HttpMethod.GET, "/match/requests/me", ada, null).bodyAsJsonObject();
    assertThat(back.getString("state")).isEqualTo("waiting");
    assertThat(back.getString("enqueuedAt")).as("the original time is kept").isEqualTo(enqueuedAt);
    assertThat(back.getInteger("requeues")).isEqualTo(1);

    heal.run();
    h.advance(1_000);
    JsonObject toA = expectPast(a, "matched", "requeued");
    JsonObject toB = expectPast(b, "matched", "requeued");
    assertThat(toA.getString("sessionId")).isEqualTo(toB.getString("sessionId"));
    Row row = await(h.db.preparedQuery("SELECT requeues FROM matches WHERE id = $1")
      .execute(Tuple.of(toA.getString("matchId")))).iterator().next();
    assertThat(row.getInteger("requeues")).isGreaterThanOrEqualTo(1);
  }

  @Test
  @DisplayName("When the question service fails, both users are requeued and told, then matched once it recovers")
  void questionServiceFails() {
    h.peers.pick = StubPeers.Mode.FAIL;
    requeuedThenMatched(() -> h.peers.pick = StubPeers.Mode.OK, "question-service");
  }

  @Test
  @DisplayName("When the collaboration service fails, both users are requeued and told, then matched once it recovers")
  void collaborationServiceFails() {
    h.peers.sessions = StubPeers.Mode.FAIL;
    requeuedThenMatched(() -> h.peers.sessions = StubPeers.Mode.OK, "collaboration-service");
  }

  @Test
  @DisplayName("A requeued pair is back at the front: a newcomer during the back-off is matched with the older of them")
  void requeuedAtTheFront() {
    String topic = topic();
    TestUser older = h.user("older");
    h.peers.pick = StubPeers.Mode.FAIL;
    WsClient a = waiting(older, topic);
    h.advance(10);
    WsClient b = h.connect(0, h.user("younger"));
    b.request(topic, "Easy");
    expect(b, "matching");
    expect(a, "requeued");
    expect(b, "requeued");
    h.peers.pick = StubPeers.Mode.OK;

    WsClient c = h.connect(0, h.user("newcomer"));
    c.request(topic, "Easy");
    expect(c, "matching");
    assertThat(expect(c, "matched").getJsonObject("partner").getString("id")).isEqualTo(older.id());
    expect(a, "matched");
    b.send(new JsonObject().put("type", "cancel"));
    expect(b, "cancelled");
  }

  @Test
  @DisplayName("The question picked excludes every question either user attempted")
  void excludesAttemptedQuestions() {
    String topic = topic();
    TestUser ada = h.user("ada");
    TestUser bob = h.user("bob");
    String first = StubPeers.questionId(topic, "Easy", 1);
    String second = StubPeers.questionId(topic, "Easy", 2);
    h.peers.attempted.put(ada.id(), List.of(first));
    h.peers.attempted.put(bob.id(), List.of(second));
    WsClient a = waiting(ada, topic);
    WsClient b = joining(bob, topic);
    JsonObject question = expect(a, "matched").getJsonObject("question");
    expect(b, "matched");
    assertThat(question.getString("id")).isEqualTo(StubPeers.questionId(topic, "Easy", 3));
    JsonObject pick = h.peers.picks.stream().filter(p -> p.getString("topic").equals(topic)).findFirst().orElseThrow();
    assertThat(pick.getJsonArray("excludeIds").getList()).containsExactlyInAnyOrder(first, second);
  }

  @Test
  @DisplayName("When the history service fails, the pair is still matched, picking without exclusions")
  void historyServiceFails() {
    String topic = topic();
    TestUser ada = h.user("ada");
    h.peers.attempted.put(ada.id(), List.of(StubPeers.questionId(topic, "Easy", 1)));
    h.peers.history = StubPeers.Mode.FAIL;
    WsClient a = waiting(ada, topic);
    WsClient b = joining(h.user("bob"), topic);
    assertThat(expect(a, "matched").getJsonObject("question").getString("id"))
      .as("a repeated question is better than no match").isEqualTo(StubPeers.questionId(topic, "Easy", 1));
    expect(b, "matched");
    JsonObject pick = h.peers.picks.stream().filter(p -> p.getString("topic").equals(topic)).findFirst().orElseThrow();
    assertThat(pick.getJsonArray("excludeIds")).isEmpty();
  }

  @Test
  @DisplayName("A topic without questions ends both requests with a no-questions error instead of requeueing forever")
  void topicWithoutQuestions() {
    String topic = topic();
    TestUser ada = h.user("ada");
    h.peers.pick = StubPeers.Mode.NOT_FOUND;
    WsClient a = waiting(ada, topic);
    WsClient b = joining(h.user("bob"), topic);
    JsonObject error = expect(a, "error");
    assertThat(error.getString("code")).isEqualTo("no-questions");
    assertThat(error.getString("detail")).contains(topic);
    assertThat(expect(b, "error").getString("code")).isEqualTo("no-questions");
    JsonObject mine = h.call(0, HttpMethod.GET, "/match/requests/me", ada, null).bodyAsJsonObject();
    assertThat(mine.getString("state")).isEqualTo("failed");
    assertThat(mine.getString("detail")).contains(topic);
  }

  @Test
  @DisplayName("A pair made by a task that stopped before making the match is finished by another task once the lease expires")
  void abandonedJobIsTakenOver() {
    String topic = topic();
    Settings settings = new Settings(h.config);
    Redis redis = Redises.client(h.vertx, settings);
    try {
      MatchQueue stopped = new MatchQueue(redis, MatchRules.from(settings), "stopped-task", CLOCK);
      TestUser ada = h.user("ada");
      TestUser bob = h.user("bob");
      MatchRequest req = new MatchRequest(topic, "Easy", null);
      await(stopped.enqueue(UUID.randomUUID().toString(), principal(ada), req, null));
      Enqueued second = await(stopped.enqueue(UUID.randomUUID().toString(), principal(bob), req, null));
      assertThat(second).isInstanceOf(Enqueued.Paired.class);
      Enqueued.Paired paired = (Enqueued.Paired) second;

      WsClient a = h.connect(0, ada);
      expect(a, "matching");
      h.advance(3_500);
      JsonObject matched = expect(a, "matched");
      assertThat(matched.getString("matchId")).isEqualTo(paired.matchId());
      assertThat(h.peers.sessionsByMatch).containsKey(paired.matchId());
      assertThat(h.call(0, HttpMethod.GET, "/match/requests/me", bob, null).bodyAsJsonObject().getString("state"))
        .isEqualTo("matched");
      assertThat(h.recorded(topic)).isEqualTo(1);
    } finally {
      redis.close();
    }
  }

  private static Principal principal(TestUser user) {
    return new Principal(user.id(), user.username(), Set.of("user"));
  }
}
