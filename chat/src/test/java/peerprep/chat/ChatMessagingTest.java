package peerprep.chat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMessagingTest {
  @RegisterExtension
  static final ServiceFixture<ChatVerticle> service = ChatFixture.service(2, new JsonObject().put("CHAT_BACKLOG", 5).put("CHAT_MAX_MSGS_PER_10S", 1000));
  private static ChatFixture chat;

  @BeforeAll
  static void start() {
    chat = ChatFixture.of(service);
  }

  @AfterAll
  static void stop() {
    chat.close();
  }

  private static boolean isMessage(JsonObject f, String text) {
    return "message".equals(f.getString("type")) && text.equals(f.getString("text"));
  }

  @Test
  @DisplayName("Two users on different instances exchange messages both ways, each with an ack for the sender and no copy of their own")
  void exchangeAcrossInstances() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    ChatClient b = chat.join(1, session, linus);

    a.message("hello from ada", "a-1");
    JsonObject atLinus = b.waitFor(f -> isMessage(f, "hello from ada"));
    JsonObject ack = a.waitFor(f -> "ack".equals(f.getString("type")));
    b.message("  hi ada  ", "b-1");
    JsonObject atAda = a.waitFor(f -> isMessage(f, "hi ada"));

    assertThat(atLinus.getString("user")).isEqualTo(ada.id());
    assertThat(atLinus.getString("username")).isEqualTo("ada");
    assertThat(ack.getString("clientMsgId")).isEqualTo("a-1");
    assertThat(ack.getString("id")).isEqualTo(atLinus.getString("id"));
    assertThat(ack.getString("at")).isEqualTo(atLinus.getString("at"));
    assertThat(atAda.getString("user")).isEqualTo(linus.id());
    assertThat(StreamIds.compare(atAda.getString("id"), atLinus.getString("id"))).isPositive();
    b.waitFor(f -> "ack".equals(f.getString("type")));
    assertThat(a.ofType("message")).noneMatch(f -> ada.id().equals(f.getString("user")));
    assertThat(b.ofType("message")).noneMatch(f -> linus.id().equals(f.getString("user")));
    a.close();
    b.close();
  }

  @Test
  @DisplayName("A socket's first stored message sets its stream's expiry; the next ones within the refresh interval leave it as it is")
  void expirySetOncePerInterval() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    String stream = ChatRepository.stream(session);

    a.message("first", "e-1");
    a.waitForType("ack", 1);
    assertThat(chat.redis(Request.cmd(Command.TTL).arg(stream)).toLong()).isGreaterThan(1_000L);
    chat.redis(Request.cmd(Command.EXPIRE).arg(stream).arg(500));
    a.message("second", "e-2");
    a.message("third", "e-3");
    a.waitForType("ack", 3);
    assertThat(chat.redis(Request.cmd(Command.TTL).arg(stream)).toLong()).isBetween(490L, 500L);
    a.close();
  }

  @Test
  @DisplayName("Under concurrent sends from both users, both see every message once and in the same order (their own as acks)")
  void sameOrderForBoth() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    ChatClient b = chat.join(1, session, linus);

    int each = 40;
    for (int i = 0; i < each; i++) {
      a.message("a" + i, "a" + i);
      b.message("b" + i, "b" + i);
    }
    a.waitForType("message", each);
    a.waitForType("ack", each);
    b.waitForType("message", each);
    b.waitForType("ack", each);

    List<String> seenByAda = a.seenIds();
    assertThat(seenByAda).hasSize(2 * each).doesNotHaveDuplicates().isEqualTo(b.seenIds());
    assertThat(seenByAda).isSortedAccordingTo(StreamIds::compare);
    List<String> adaTexts = b.ofType("message").stream().map(f -> f.getString("text")).toList();
    assertThat(adaTexts).isEqualTo(IntStream.range(0, each).mapToObj(i -> "a" + i).toList());
    List<String> adaAcks = a.ofType("ack").stream().map(f -> f.getString("clientMsgId")).toList();
    assertThat(adaAcks).isEqualTo(IntStream.range(0, each).mapToObj(i -> "a" + i).toList());
    a.close();
    b.close();
  }

  @Test
  @DisplayName("A new connection gets the newest CHAT_BACKLOG messages, oldest first, then a synced frame")
  void backlogOnConnect() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    for (int i = 1; i <= 8; i++) {
      a.message("m" + i, null);
    }
    a.waitForType("ack", 8);

    ChatClient b = chat.join(1, session, linus);

    List<JsonObject> frames = b.frames();
    assertThat(frames.get(0).getString("type")).isEqualTo("welcome");
    assertThat(frames.get(0).getString("status")).isEqualTo("active");
    assertThat(frames.get(0).getJsonArray("online").getList()).contains(ada.id(), linus.id());
    assertThat(b.ofType("message").stream().map(f -> f.getString("text")).toList()).containsExactly("m4", "m5", "m6", "m7", "m8");
    JsonObject synced = b.ofType("synced").get(0);
    assertThat(synced.getInteger("count")).isEqualTo(5);
    assertThat(synced.getString("lastId")).isEqualTo(a.seenIds().get(7));
    a.close();
    b.close();
  }

  @Test
  @DisplayName("Reconnecting with the last id seen delivers exactly the missed messages, even while the partner keeps sending")
  void reconnectWithoutLossOrDuplicates() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    ChatClient b = chat.join(1, session, linus);
    b.message("before", null);
    a.waitFor(f -> isMessage(f, "before"));
    String lastSeen = a.messageIds().get(a.messageIds().size() - 1);
    a.close();

    for (int i = 0; i < 12; i++) {
      b.message("missed" + i, null);
    }
    b.waitForType("ack", 13);
    for (int i = 0; i < 30; i++) {
      b.message("during" + i, null);
    }
    ChatClient again = chat.joinAfter(1, session, ada, lastSeen);
    b.waitForType("ack", 43);
    again.waitFor(f -> isMessage(f, "during29"));

    List<String> texts = again.ofType("message").stream().map(f -> f.getString("text")).toList();
    List<String> expected = new ArrayList<>();
    IntStream.range(0, 12).forEach(i -> expected.add("missed" + i));
    IntStream.range(0, 30).forEach(i -> expected.add("during" + i));
    assertThat(texts).isEqualTo(expected);
    assertThat(again.messageIds()).doesNotHaveDuplicates().isSortedAccordingTo(StreamIds::compare);
    again.close();
    b.close();
  }

  @Test
  @DisplayName("Typing is relayed to the partner on the other instance, throttled, and not echoed to the typist")
  void typingRelayed() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    ChatClient b = chat.join(1, session, linus);

    a.send(new JsonObject().put("type", "typing"));
    a.send(new JsonObject().put("type", "typing"));
    a.message("done typing", null);
    JsonObject typing = b.waitFor(f -> "typing".equals(f.getString("type")));
    b.waitFor(f -> isMessage(f, "done typing"));
    a.waitForType("ack", 1);

    assertThat(typing.getString("user")).isEqualTo(ada.id());
    assertThat(typing.getString("username")).isEqualTo("ada");
    assertThat(b.ofType("typing")).hasSize(1);
    assertThat(a.ofType("typing")).isEmpty();
    a.close();
    b.close();
  }

  @Test
  @DisplayName("The partner sees a user join and, when their last connection closes, leave")
  void presenceAcrossInstances() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    ChatClient b1 = chat.join(1, session, linus);
    ChatClient b2 = chat.join(0, session, linus);
    a.waitForCount(f -> "presence".equals(f.getString("type")) && "joined".equals(f.getString("state")), 2);

    b1.close();
    b2.close();
    JsonObject left = a.waitFor(f -> "presence".equals(f.getString("type")) && "left".equals(f.getString("state")));

    assertThat(left.getString("user")).isEqualTo(linus.id());
    assertThat(a.ofType("presence").stream().filter(f -> "left".equals(f.getString("state")))).hasSize(1);
    assertThat(a.ofType("presence")).allMatch(f -> linus.id().equals(f.getString("user")));
    a.close();
  }

  @Test
  @DisplayName("In an ended session a participant can read the backlog but a send gets a session-ended error")
  void endedSessionIsReadOnly() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    a.message("last words", null);
    a.waitForType("ack", 1);
    a.close();
    chat.collab.end(session);

    ChatClient b = chat.join(1, session, linus);
    b.message("too late", "late-1");
    JsonObject error = b.waitFor(f -> "error".equals(f.getString("type")));

    assertThat(b.frames().get(0).getString("status")).isEqualTo("ended");
    assertThat(b.ofType("message").stream().map(f -> f.getString("text")).toList()).containsExactly("last words");
    assertThat(error.getString("code")).isEqualTo("session-ended");
    assertThat(error.getString("clientMsgId")).isEqualTo("late-1");
    b.close();
  }

  @Test
  @DisplayName("When a task's pub/sub connection drops, its sockets catch up on messages sent meanwhile and then go live again")
  void pubSubReconnect() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    ChatClient b = chat.join(1, session, linus);

    chat.redis(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub"));
    for (int i = 0; i < 5; i++) {
      b.message("while down " + i, null);
    }
    b.waitForType("ack", 5);
    a.waitForType("synced", 2);
    b.message("live again", null);
    a.waitFor(f -> isMessage(f, "live again"));
    b.waitForType("ack", 6);

    List<String> texts = a.ofType("message").stream().map(f -> f.getString("text")).toList();
    assertThat(texts).containsExactly("while down 0", "while down 1", "while down 2", "while down 3", "while down 4", "live again");
    assertThat(a.messageIds()).isEqualTo(b.seenIds().subList(b.seenIds().size() - 6, b.seenIds().size()));
    a.close();
    b.close();
  }

  @Test
  @DisplayName("Participants are asked of the collaboration service once per session and instance while the answer is fresh")
  void participantsCached() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    int before = chat.collab.lookups();
    ChatClient a = chat.join(0, session, ada);
    ChatClient again = chat.join(0, session, ada);
    ChatClient b = chat.join(0, session, linus);

    assertThat(chat.collab.lookups() - before).isEqualTo(1);
    a.close();
    again.close();
    b.close();
  }

  @Test
  @DisplayName("Catching up over more than one page of stored messages delivers all of them, in order")
  void catchUpOverPages() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    List<Request> seed = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      seed.add(Request.cmd(Command.XADD).arg("chat:s:" + session).arg("*")
        .arg("user").arg(linus.id()).arg("name").arg("linus").arg("text").arg("seeded " + i));
    }
    ChatClient.await(chat.redis.batch(seed));

    ChatClient a = chat.joinAfter(0, session, ada, "0-0");

    List<String> texts = a.ofType("message").stream().map(f -> f.getString("text")).toList();
    assertThat(texts).hasSize(1200).startsWith("seeded 0", "seeded 1").endsWith("seeded 1199");
    assertThat(a.messageIds()).isSortedAccordingTo(StreamIds::compare).doesNotHaveDuplicates();
    assertThat(a.ofType("synced").get(0).getInteger("count")).isEqualTo(1200);
    a.close();
  }
}
