package peerprep.matching;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;
import static peerprep.matching.Harness.expect;
import static peerprep.matching.Harness.topic;

/** "Find a new partner": a user whose partner left asks again and keeps the place they had in the queue. */
class RematchTest {
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(1, new JsonObject()
    .put("MATCH_RELAX_AFTER_MS", 60_000).put("MATCH_TIMEOUT_MS", 60_000)
    .put("MATCH_DISCONNECT_GRACE_MS", 5_000).put("MATCH_SWEEP_INTERVAL_MS", 100));
  private static Harness h;

  @BeforeAll
  static void start() {
    h = Harness.over(SERVICE);
  }

  private static JsonObject ask(String topic, String language) {
    return new JsonObject().put("type", "request").put("topic", topic).put("difficulty", "Easy").put("language", language);
  }

  /** Matches the user with a fresh partner on the topic; the session they share. */
  private static String matched(WsClient socket, String topic) {
    socket.send(ask(topic, "python"));
    expect(socket, "queued");
    WsClient partner = h.connect(0, h.user("partner"));
    partner.send(ask(topic, "python"));
    expect(partner, "matching");
    expect(partner, "matched");
    await(partner.close());
    return expect(socket, "matched").getString("sessionId");
  }

  private static WsClient waiting(String name, String topic, String language) {
    WsClient socket = h.connect(0, h.user(name));
    socket.send(ask(topic, language));
    expect(socket, "queued");
    return socket;
  }

  @Test
  @DisplayName("A rematch keeps the user's place: paired with someone who queued after their first request, they count as the older request")
  void rematchKeepsThePlace() {
    String topic = topic();
    TestUser ada = h.user("ada");
    WsClient socket = h.connect(0, ada);
    String session = matched(socket, topic);
    WsClient carol = waiting("carol", topic, "java");

    socket.send(ask(topic, "python").put("rematchOf", session));
    expect(socket, "matching");
    JsonObject toAda = expect(socket, "matched");
    JsonObject toCarol = expect(carol, "matched");
    assertThat(toCarol.getJsonObject("partner").getString("id")).isEqualTo(ada.id());
    assertThat(toAda.getString("language")).as("the older request's language: Ada's, from her first request")
      .isEqualTo("python");
    Row row = await(h.db.preparedQuery("SELECT user_a_id FROM matches WHERE id = $1")
      .execute(Tuple.of(toAda.getString("matchId")))).iterator().next();
    assertThat(row.getString("user_a_id")).as("the older of the pair").isEqualTo(ada.id());
  }

  @Test
  @DisplayName("The place of a match is given back once: a second rematch of the same session is an ordinary request, behind those already waiting")
  void placeIsGivenBackOnce() {
    String topic = topic();
    TestUser ada = h.user("ada");
    WsClient socket = h.connect(0, ada);
    String session = matched(socket, topic);

    socket.send(ask(topic, "python").put("rematchOf", session));
    JsonObject first = expect(socket, "queued");
    assertThat(first.getString("rematchOf")).isEqualTo(session);
    assertThat(first.getInteger("position")).isEqualTo(1);
    socket.send(new JsonObject().put("type", "cancel"));
    expect(socket, "cancelled");

    WsClient erin = waiting("erin", topic, "java");
    socket.send(ask(topic, "python").put("rematchOf", session));
    expect(socket, "matching");
    assertThat(expect(socket, "matched").getString("language")).as("Erin's request is the older now").isEqualTo("java");
    expect(erin, "matched");
  }

  @Test
  @DisplayName("A rematch of a session that is not the user's is an ordinary request; a rematchOf that is no session id is refused with a detail")
  void foreignOrMalformedSession() {
    String topic = topic();
    String adasSession = matched(h.connect(0, h.user("ada")), topic);
    TestUser mallory = h.user("mallory");
    WsClient socket = h.connect(0, mallory);
    socket.send(ask(topic(), "python").put("rematchOf", adasSession));
    JsonObject queued = expect(socket, "queued");
    assertThat(queued.containsKey("rematchOf")).as("no place was given").isFalse();

    socket.send(ask(topic, "python").put("rematchOf", "not-a-session"));
    JsonObject error = expect(socket, "error");
    assertThat(error.getString("code")).isEqualTo("bad-request");
    assertThat(error.getString("detail")).contains("rematchOf");
    var rest = h.call(0, HttpMethod.POST, "/match/requests", mallory,
      new JsonObject().put("topic", topic).put("difficulty", "Easy").put("rematchOf", "NOT-A-UUID"));
    assertThat(rest.statusCode()).isEqualTo(400);
    assertThat(rest.bodyAsJsonObject().getString("detail")).contains("rematchOf");
  }
}
