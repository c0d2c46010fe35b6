package peerprep.matching;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.vocab.CloseCode;
import peerprep.matching.live.FrameRate;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;
import static peerprep.matching.Harness.expect;
import static peerprep.matching.Harness.topic;

class MatchSocketTest {
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(2, new JsonObject()
    .put("MATCH_RELAX_AFTER_MS", 60_000).put("MATCH_TIMEOUT_MS", 60_000)
    .put("MATCH_DISCONNECT_GRACE_MS", 1_000).put("MATCH_SWEEP_INTERVAL_MS", 100));
  private static Harness h;

  @BeforeAll
  static void start() {
    h = Harness.over(SERVICE);
  }

  @Test
  @DisplayName("Two users on two instances asking for the same topic and difficulty are matched, both told, and their session starts from the question's starter code")
  void matchesAcrossInstances() {
    String topic = topic();
    TestUser ada = h.user("ada");
    TestUser linus = h.user("linus");
    WsClient a = h.connect(0, ada);
    WsClient b = h.connect(1, linus);
    a.send(new JsonObject().put("type", "request").put("topic", topic).put("difficulty", "medium").put("language", "java"));
    JsonObject queued = expect(a, "queued");
    assertThat(queued.getInteger("waiting")).isEqualTo(1);
    assertThat(queued.getInteger("position")).isEqualTo(1);
    assertThat(queued.getString("difficulty")).isEqualTo("Medium");
    b.request(topic, "Medium");
    expect(b, "matching");
    JsonObject toA = expect(a, "matched");
    JsonObject toB = expect(b, "matched");

    assertThat(toA.getString("sessionId")).isNotBlank().isEqualTo(toB.getString("sessionId"));
    assertThat(toA.getString("matchId")).isEqualTo(toB.getString("matchId"));
    assertThat(toA.getJsonObject("partner")).isEqualTo(new JsonObject().put("id", linus.id()).put("username", "linus"));
    assertThat(toB.getJsonObject("partner")).isEqualTo(new JsonObject().put("id", ada.id()).put("username", "ada"));
    assertThat(toA.getJsonObject("question").getString("difficulty")).isEqualTo("Medium");
    assertThat(toA.getJsonObject("question").getJsonArray("topics").getList()).containsExactly(topic);
    assertThat(toA.getString("language")).isEqualTo("java");
    assertThat(toA.getBoolean("relaxed")).isFalse();

    JsonObject session = h.peers.sessionsByMatch.get(toA.getString("matchId"));
    assertThat(session.getString("sessionId")).isEqualTo(toA.getString("sessionId"));
    assertThat(session.getJsonArray("participants").size()).isEqualTo(2);
    assertThat(session.getString("language")).isEqualTo("java");
    String questionId = toA.getJsonObject("question").getString("id");
    assertThat(session.getJsonObject("starterCode")).isEqualTo(StubPeers.starterCode(questionId));
    assertThat(session.getJsonObject("question").fieldNames()).doesNotContain("starterCode");
    assertThat(toA.getJsonObject("question").fieldNames()).doesNotContain("starterCode");
    Row row = await(h.db.preparedQuery("SELECT * FROM matches WHERE id = $1")
      .execute(Tuple.of(toA.getString("matchId")))).iterator().next();
    assertThat(row.getString("user_a_id")).isEqualTo(ada.id());
    assertThat(row.getString("user_b_id")).isEqualTo(linus.id());
    assertThat(row.getString("session_id")).isEqualTo(toA.getString("sessionId"));
    assertThat(row.getString("question_id")).isEqualTo(toA.getJsonObject("question").getString("id"));
    assertThat(row.getBoolean("relaxed")).isFalse();
    assertThat(row.getLong("user_a_waited_ms")).isGreaterThanOrEqualTo(row.getLong("user_b_waited_ms"));

    JsonObject mine = h.call(1, HttpMethod.GET, "/match/requests/me", linus, null).bodyAsJsonObject();
    assertThat(mine.getString("state")).isEqualTo("matched");
    assertThat(mine.getJsonObject("match").getString("sessionId")).isEqualTo(toA.getString("sessionId"));
  }

  @Test
  @DisplayName("Before relaxing, only the same difficulty matches: a newcomer pairs with the exact one, not the older other")
  void exactDifficultyFirst() {
    String topic = topic();
    TestUser easy = h.user("easy");
    TestUser hard = h.user("hard");
    TestUser newcomer = h.user("newcomer");
    WsClient older = h.connect(1, hard);
    older.request(topic, "Hard");
    expect(older, "queued");
    WsClient a = h.connect(0, easy);
    a.request(topic, "Easy");
    assertThat(expect(a, "queued").getInteger("waiting")).as("different difficulties wait apart").isEqualTo(1);
    WsClient c = h.connect(1, newcomer);
    c.request(topic, "Easy");
    expect(c, "matching");
    assertThat(expect(a, "matched").getJsonObject("partner").getString("id")).isEqualTo(newcomer.id());
    assertThat(h.call(0, HttpMethod.GET, "/match/requests/me", hard, null).bodyAsJsonObject().getString("state"))
      .isEqualTo("waiting");
  }

  @Test
  @DisplayName("A second tab is shown the waiting request, and its own request replaces it: the first tab is told superseded and closed with 4001")
  void secondTabTakesOver() {
    String topic = topic();
    TestUser grace = h.user("grace");
    WsClient first = h.connect(0, grace);
    first.request(topic, "Easy");
    String firstId = expect(first, "queued").getString("requestId");

    WsClient second = h.connect(1, grace);
    assertThat(expect(second, "queued").getString("requestId")).isEqualTo(firstId);
    second.request(topic, "Easy");
    JsonObject replaced = expect(first, "superseded");
    assertThat(replaced.getString("requestId")).isEqualTo(firstId);
    assertThat(await(first.closed())).isEqualTo(CloseCode.SUPERSEDED.code());
    JsonObject now = expect(second, "queued");
    assertThat(now.getString("requestId")).isNotEqualTo(firstId);
    assertThat(now.getInteger("waiting")).as("the user is never queued twice").isEqualTo(1);

    JsonObject mine = h.call(0, HttpMethod.GET, "/match/requests/me", grace, null).bodyAsJsonObject();
    assertThat(mine.getString("requestId")).isEqualTo(now.getString("requestId"));
    assertThat(mine.getString("state")).isEqualTo("waiting");
  }

  @Test
  @DisplayName("Cancelling on the WebSocket leaves the queue and tells the user's other tabs")
  void cancelTellsOtherTabs() {
    String topic = topic();
    TestUser alan = h.user("alan");
    WsClient tab1 = h.connect(0, alan);
    tab1.request(topic, "Hard");
    String id = expect(tab1, "queued").getString("requestId");
    WsClient tab2 = h.connect(1, alan);
    expect(tab2, "queued");

    tab1.send(new JsonObject().put("type", "cancel"));
    assertThat(expect(tab1, "cancelled").getString("requestId")).isEqualTo(id);
    assertThat(expect(tab2, "cancelled").getString("requestId")).isEqualTo(id);

    WsClient other = h.connect(0, h.user("barbara"));
    other.request(topic, "Hard");
    assertThat(expect(other, "queued").getInteger("waiting")).as("the cancelled user is gone").isEqualTo(1);
    JsonObject mine = h.call(0, HttpMethod.GET, "/match/requests/me", alan, null).bodyAsJsonObject();
    assertThat(mine.getString("state")).isEqualTo("cancelled");
  }

  @Test
  @DisplayName("Cancelling without a waiting request is an error frame")
  void cancelWithoutRequest() {
    WsClient c = h.connect(0, h.user("edsger"));
    c.send(new JsonObject().put("type", "cancel"));
    assertThat(expect(c, "error").getString("code")).isEqualTo("no-request");
  }

  @Test
  @DisplayName("Bad frames get error frames with a detail and leave the socket usable")
  void badInput() {
    WsClient c = h.connect(0, h.user("donald"));
    c.send(new JsonObject().put("type", "request").put("topic", "arrays").put("difficulty", "Impossible"));
    assertThat(expect(c, "error").getString("detail")).contains("Impossible").contains("Easy, Medium, Hard");
    c.send(new JsonObject().put("type", "request").put("difficulty", "Easy"));
    JsonObject missing = expect(c, "error");
    assertThat(missing.getString("code")).isEqualTo("bad-request");
    assertThat(missing.getString("detail")).contains("'topic'");
    c.send(new JsonObject().put("type", "request").put("topic", "Not A Slug!").put("difficulty", "Easy"));
    assertThat(expect(c, "error").getString("detail")).contains("slug");
    c.send(new JsonObject().put("type", "request").put("topic", "arrays").put("difficulty", "Easy").put("language", "cobol"));
    assertThat(expect(c, "error").getString("detail")).contains("cobol");
    c.send(new JsonObject().put("type", "request").put("topic", 7).put("difficulty", "Easy"));
    assertThat(expect(c, "error").getString("detail")).contains("must be a string");
    c.sendText("{not json");
    assertThat(expect(c, "error").getString("code")).isEqualTo("malformed");
    c.sendText("[1,2]");
    assertThat(expect(c, "error").getString("code")).isEqualTo("malformed");
    c.send(new JsonObject().put("type", "dance"));
    assertThat(expect(c, "error").getString("code")).isEqualTo("unknown-type");
    c.send(new JsonObject().put("topic", "arrays"));
    assertThat(expect(c, "error").getString("detail")).contains("'type'");

    String topic = topic();
    c.request(topic, "Easy");
    assertThat(expect(c, "queued").getString("topic")).isEqualTo(topic);
  }

  @Test
  @DisplayName("More than 20 frames in 10 seconds are answered with rate-limited errors and ignored")
  void rateLimited() {
    WsClient c = h.connect(0, h.user("flood"));
    for (int i = 0; i <= FrameRate.MAX; i++) {
      c.send(new JsonObject().put("type", "cancel"));
    }
    Map<String, Integer> codes = new TreeMap<>();
    for (int i = 0; i <= FrameRate.MAX; i++) {
      codes.merge(expect(c, "error").getString("code"), 1, Integer::sum);
    }
    assertThat(codes).containsEntry("no-request", FrameRate.MAX).containsEntry("rate-limited", 1);
  }

  @Test
  @DisplayName("Opening the WebSocket without a valid token is refused with 401")
  void unauthenticated() {
    Throwable noToken = h.connectFailure(0, null);
    assertThat(noToken).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) noToken).getStatus()).isEqualTo(401);
    Throwable badToken = h.connectFailure(0, "not.a.token");
    assertThat(((UpgradeRejectedException) badToken).getStatus()).isEqualTo(401);
  }

  @Test
  @DisplayName("A frame larger than 4 KiB closes the socket with 1009")
  void frameTooLarge() {
    WsClient c = h.connect(0, h.user("big"));
    c.sendText("{\"type\":\"request\",\"topic\":\"" + "a".repeat(5000) + "\"}");
    assertThat(await(c.closed())).isEqualTo((short) 1009);
  }

  @Test
  @DisplayName("While the session of a found pair is prepared, the user can neither replace nor cancel the request")
  void busyWhileMatching() {
    String topic = topic();
    TestUser ken = h.user("ken");
    TestUser dennis = h.user("dennis");
    h.peers.sessions = StubPeers.Mode.HOLD;
    try {
      WsClient a = h.connect(0, ken);
      WsClient b = h.connect(1, dennis);
      a.request(topic, "Easy");
      expect(a, "queued");
      b.request(topic, "Easy");
      expect(b, "matching");
      await(h.peers.sessionHeld());

      a.request(topic, "Hard");
      assertThat(expect(a, "error").getString("code")).isEqualTo("match-in-progress");
      a.send(new JsonObject().put("type", "cancel"));
      assertThat(expect(a, "error").getString("code")).isEqualTo("match-in-progress");
      assertThat(h.call(0, HttpMethod.DELETE, "/match/requests/me", ken, null).statusCode()).isEqualTo(409);
      assertThat(h.call(1, HttpMethod.POST, "/match/requests", ken,
        new JsonObject().put("topic", topic).put("difficulty", "Hard")).statusCode()).isEqualTo(409);
      assertThat(h.call(0, HttpMethod.GET, "/match/requests/me", ken, null).bodyAsJsonObject().getString("state"))
        .isEqualTo("matching");

      WsClient late = h.connect(1, ken);
      expect(late, "matching");
      h.peers.release();
      String session = expect(a, "matched").getString("sessionId");
      assertThat(expect(late, "matched").getString("sessionId")).isEqualTo(session);
      assertThat(expect(b, "matched").getString("sessionId")).isEqualTo(session);
    } finally {
      h.peers.release();
    }
  }

  @Test
  @DisplayName("A user who reconnects on another instance gets their waiting request back and is matched there")
  void reconnectOnOtherInstance() {
    String topic = topic();
    TestUser barbara = h.user("barbara");
    WsClient before = h.connect(0, barbara);
    before.request(topic, "Medium");
    String id = expect(before, "queued").getString("requestId");
    await(before.close());

    WsClient after = h.connect(1, barbara);
    assertThat(expect(after, "queued").getString("requestId")).isEqualTo(id);
    WsClient partner = h.connect(0, h.user("john"));
    partner.request(topic, "Medium");
    expect(partner, "matching");
    assertThat(expect(after, "matched").getString("requestId")).isEqualTo(id);
  }
}
