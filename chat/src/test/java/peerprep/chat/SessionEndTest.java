package peerprep.chat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.Await;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionEndTest {
  private static final String STREAM = "peerprep:sessions:ended";
  private static final String GROUP = "chat-service";
  @RegisterExtension
  static final ServiceFixture<ChatVerticle> service = ChatFixture.service(2, new JsonObject()
    .put("CHAT_RETENTION_SECONDS", 3600)
    .put("CHAT_TRANSCRIPT_ATTEMPTS", 3)
    .put("CHAT_TRANSCRIPT_BACKOFF_MS", 20)
    .put("CHAT_CLAIM_INTERVAL_MS", 200)
    .put("CHAT_CLAIM_IDLE_MS", 800));
  private static ChatFixture chat;

  @BeforeAll
  static void start() {
    chat = ChatFixture.of(service);
  }

  @AfterAll
  static void stop() {
    chat.close();
  }

  private static String endSession(String sessionId) {
    return chat.redis(Request.cmd(Command.XADD).arg(STREAM).arg("*").arg("sessionId").arg(sessionId)
      .arg("endedAt").arg("2026-01-01T10:30:00Z")).toString();
  }

  private static long pending() {
    return chat.redis(Request.cmd(Command.XPENDING).arg(STREAM).arg(GROUP)).get(0).toLong();
  }

  private static String lastDelivered() {
    for (Response group : chat.redis(Request.cmd(Command.XINFO).arg("GROUPS").arg(STREAM))) {
      if (GROUP.equals(field(group, "name"))) {
        return field(group, "last-delivered-id");
      }
    }
    throw new AssertionError("The chat-service group does not exist");
  }

  /** A field of a reply that is a map under RESP3 and a flat list of pairs under RESP2. */
  private static String field(Response reply, String key) {
    if (reply.isMap()) {
      return reply.get(key).toString();
    }
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      if (key.equals(reply.get(i).toString())) {
        return reply.get(i + 1).toString();
      }
    }
    return null;
  }

  private static void handled(String entryId) {
    Await.until(chat.vertx, () -> StreamIds.compare(lastDelivered(), entryId) >= 0 && pending() == 0);
  }

  @Test
  @DisplayName("Each ended session's transcript is put to history exactly once while two instances consume, and its chat expires")
  void transcriptExactlyOnce() {
    List<String> sessions = new ArrayList<>();
    List<TestUser[]> pairs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      TestUser a = chat.auth.user("ada" + i);
      TestUser b = chat.auth.user("linus" + i);
      pairs.add(new TestUser[]{a, b});
      sessions.add(chat.collab.session(a, b));
    }
    ChatClient ada = chat.join(0, sessions.get(0), pairs.get(0)[0]);
    ChatClient linus = chat.join(1, sessions.get(0), pairs.get(0)[1]);
    ada.message("first", null);
    ada.waitForType("ack", 1);
    linus.message("second", null);
    linus.waitForType("ack", 1);

    String lastEntry = null;
    for (String s : sessions) {
      lastEntry = endSession(s);
    }
    JsonObject transcript = ChatClient.await(chat.history.accepted(sessions.get(0)));
    sessions.forEach(s -> ChatClient.await(chat.history.accepted(s)));
    JsonObject ended = linus.waitFor(f -> "ended".equals(f.getString("type")));
    handled(lastEntry);
    linus.message("after the end", "late");
    JsonObject refused = linus.waitFor(f -> "error".equals(f.getString("type")));

    sessions.forEach(s -> assertThat(chat.history.puts(s)).as("PUTs for %s", s).hasSize(1));
    JsonArray messages = transcript.getJsonArray("messages");
    assertThat(messages.stream().map(m -> ((JsonObject) m).getString("text")).toList()).containsExactly("first", "second");
    JsonObject first = messages.getJsonObject(0);
    assertThat(first.getString("user")).isEqualTo(pairs.get(0)[0].id());
    assertThat(first.getString("username")).isEqualTo("ada0");
    assertThat(first.getString("id")).isEqualTo(ada.seenIds().get(0));
    assertThat(first.getString("at")).endsWith("Z");
    assertThat(ended.getString("sessionId")).isEqualTo(sessions.get(0));
    assertThat(refused.getString("code")).isEqualTo("session-ended");
    long ttl = chat.redis(Request.cmd(Command.TTL).arg("chat:s:" + sessions.get(0))).toLong();
    assertThat(ttl).isBetween(3000L, 3600L);
    ada.close();
    linus.close();
  }

  @Test
  @DisplayName("While history fails, the entry stays pending; it is retried with backoff, claimed again, and acked only after a 2xx")
  void retriedUntilAccepted() {
    TestUser a = chat.auth.user("ada");
    TestUser b = chat.auth.user("linus");
    String session = chat.collab.session(a, b);
    chat.history.failNext(4);

    String entry = endSession(session);
    ChatClient.await(chat.history.accepted(session));
    handled(entry);

    List<Integer> statuses = chat.history.puts(session).stream().map(HistoryStub.Put::status).toList();
    assertThat(statuses).containsExactly(503, 503, 503, 503, 200);
  }

  @Test
  @DisplayName("An entry a dead consumer received but never acknowledged is claimed and handled by a live instance")
  void claimsFromDeadConsumer() {
    TestUser a = chat.auth.user("ada");
    TestUser b = chat.auth.user("linus");
    String session = chat.collab.session(a, b);
    String entry;
    chat.undeploy(1);
    chat.undeploy(0);
    try {
      entry = endSession(session);
      Response read = chat.redis(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(GROUP).arg("crashed-task")
        .arg("COUNT").arg(10).arg("STREAMS").arg(STREAM).arg(">"));
      assertThat(read).isNotNull();
      assertThat(pending()).isEqualTo(1);
    } finally {
      chat.deploy();
      chat.deploy();
    }

    ChatClient.await(chat.history.accepted(session));
    handled(entry);

    assertThat(chat.history.puts(session)).hasSize(1);
  }

  @Test
  @DisplayName("An entry without a valid session id is acknowledged without calling history")
  void malformedEntry() {
    String entry = endSession("not-a-session");
    handled(entry);

    assertThat(chat.history.puts("not-a-session")).isEmpty();
  }
}
