package peerprep.chat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.Await;
import peerprep.common.testing.SilentPeerProxy;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.vocab.CloseCode;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Vanished and stuck clients, a task that lost Redis, Redis that lost its data, and refused deliveries. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivenessTest {
  private static final long DEADLINE_MS = 800;
  private static final long PRESENCE_TTL_MS = 1_000;
  @RegisterExtension
  static final ServiceFixture<ChatVerticle> service = ChatFixture.service(1, new JsonObject()
    .put("WS_PING_INTERVAL_MS", 200).put("WS_PONG_DEADLINE_MS", DEADLINE_MS).put("WS_CLOSE_GRACE_MS", 300)
    .put("CHAT_PRESENCE_TTL_MS", PRESENCE_TTL_MS).put("CHAT_MAX_MSGS_PER_10S", 100_000)
    .put("CHAT_TRANSCRIPT_ATTEMPTS", 3).put("CHAT_TRANSCRIPT_BACKOFF_MS", 20));
  private static ChatFixture chat;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = service.vertx();
    chat = ChatFixture.of(service);
  }

  @AfterAll
  static void stop() {
    chat.close();
  }

  private static Predicate<JsonObject> left(TestUser user) {
    return f -> "presence".equals(f.getString("type")) && "left".equals(f.getString("state"))
      && user.id().equals(f.getString("user"));
  }

  private static SilentPeerProxy proxyTo(int port) {
    return ChatClient.await(SilentPeerProxy.start(vertx, port));
  }

  @Test
  @DisplayName("Connected sockets keep their presence: each one's expiry is pushed forward, slice by slice, before it lapses, three TTLs running")
  void refreshKeepsPresence() {
    TestUser ann = chat.auth.user("ann-stays");
    TestUser bob = chat.auth.user("bob-stays");
    String session = chat.collab.session(ann, bob);
    ChatClient annClient = chat.join(0, session, ann);
    ChatClient bobClient = chat.join(0, session, bob);
    String key = "chat:p:" + session;
    for (int round = 0; round < 3; round++) {
      List<Double> before = expiries(key);
      assertThat(before).hasSize(2);
      Await.until(vertx, () -> expiries(key).stream().allMatch(e -> e > before.stream().max(Double::compare).get()));
      List<Double> after = expiries(key);
      assertThat(after).as("both sockets still present").hasSize(2);
      assertThat(after).allMatch(expiry -> expiry > System.currentTimeMillis());
    }
    assertThat(bobClient.frames()).noneMatch(left(ann));
    assertThat(annClient.frames()).noneMatch(left(bob));
    annClient.close();
    bobClient.close();
  }

  private static List<Double> expiries(String key) {
    List<Double> out = new ArrayList<>();
    for (Response member : ChatClient.await(chat.redis.send(Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1).arg("WITHSCORES")))) {
      out.add(member.size() == 2 ? member.get(1).toDouble() : member.toDouble());
    }
    return out;
  }

  @Test
  @DisplayName("A participant whose network vanished without a close is announced left within the heartbeat deadline")
  void vanishedParticipantLeaves() {
    TestUser ann = chat.auth.user("ann-vanish");
    TestUser bob = chat.auth.user("bob-vanish");
    String session = chat.collab.session(ann, bob);
    SilentPeerProxy proxy = proxyTo(chat.port(0));
    ChatClient.joined(chat.ws, proxy.port(), session, ann.token(), null);
    ChatClient bobClient = chat.join(0, session, bob);
    long start = System.currentTimeMillis();
    proxy.vanish();
    bobClient.waitFor(left(ann));
    assertThat(System.currentTimeMillis() - start).isLessThan(DEADLINE_MS + 1_500);
    ChatClient.await(proxy.close());
  }

  @Test
  @DisplayName("A participant that stops reading is announced left once its queue is full, and its connection is dropped")
  void stuckReaderIsReleased() {
    TestUser ann = chat.auth.user("ann-stuck");
    TestUser bob = chat.auth.user("bob-stuck");
    String session = chat.collab.session(ann, bob);
    chat.deploy(new JsonObject().put("WS_PING_INTERVAL_MS", 10_000).put("WS_PONG_DEADLINE_MS", 30_000));
    SilentPeerProxy proxy = proxyTo(chat.port(1));
    ChatClient.joined(chat.ws, proxy.port(), session, ann.token(), null);
    ChatClient bobClient = chat.join(1, session, bob);
    proxy.stopReading();
    String text = "x".repeat(ClientFrame.MAX_TEXT_CHARS);
    int sent = 0;
    while (bobClient.frames().stream().noneMatch(left(ann)) && sent < 20_000) {
      for (int i = 0; i < 50; i++) {
        bobClient.message(text, null);
      }
      sent += 50;
      bobClient.waitForType("ack", sent);
    }
    bobClient.waitFor(left(ann));
    proxy.drain();
    ChatClient.await(proxy.serverClosed());
    ChatClient.await(proxy.close());
    chat.undeploy(1);
  }

  @Test
  @DisplayName("A participant of a task that lost Redis is announced left to a partner on another task within the presence TTL")
  void crashedTasksParticipantLeaves() {
    TestUser ann = chat.auth.user("ann-crash");
    TestUser bob = chat.auth.user("bob-crash");
    String session = chat.collab.session(ann, bob);
    SilentPeerProxy redisProxy = proxyTo(URI.create(EmbeddedRedis.url()).getPort());
    chat.deploy(new JsonObject().put("REDIS_URL", "redis://127.0.0.1:" + redisProxy.port()));
    ChatClient bobClient = chat.join(0, session, bob);
    ChatClient.joined(chat.ws, chat.port(1), session, ann.token(), null);
    bobClient.waitFor(f -> "presence".equals(f.getString("type")) && "joined".equals(f.getString("state")));
    long start = System.currentTimeMillis();
    redisProxy.vanish();
    bobClient.waitFor(left(ann));
    assertThat(System.currentTimeMillis() - start).isLessThan(2 * PRESENCE_TTL_MS + 1_000);
    ChatClient.await(redisProxy.close());
    chat.undeploy(1);
  }

  @Test
  @DisplayName("A user who moved to another task after a crash and then closes is announced left, though the dead task's entry remained")
  void movedUserLeavesAfterCrash() {
    TestUser ann = chat.auth.user("ann-moved");
    TestUser bob = chat.auth.user("bob-moved");
    String session = chat.collab.session(ann, bob);
    SilentPeerProxy redisProxy = proxyTo(URI.create(EmbeddedRedis.url()).getPort());
    chat.deploy(new JsonObject().put("REDIS_URL", "redis://127.0.0.1:" + redisProxy.port()));
    ChatClient bobClient = chat.join(0, session, bob);
    ChatClient.joined(chat.ws, chat.port(1), session, ann.token(), null);
    redisProxy.vanish();
    ChatClient moved = chat.join(0, session, ann);
    moved.close();
    bobClient.waitFor(left(ann));
    ChatClient.await(redisProxy.close());
    chat.undeploy(1);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  @DisplayName("Messages start a stream that expires, and after Redis lost its data a message is refused and the socket closed with 4404")
  void lostSessionIsRefused() {
    TestUser ann = chat.auth.user("ann-lost");
    TestUser bob = chat.auth.user("bob-lost");
    String session = chat.collab.session(ann, bob);
    ChatClient annClient = chat.join(0, session, ann);
    annClient.message("before", "m1");
    annClient.waitForType("ack", 1);
    long ttl = chat.redis(Request.cmd(Command.TTL).arg(ChatRepository.stream(session))).toLong();
    assertThat(ttl).isPositive();

    EmbeddedRedis.flushAll();
    annClient.message("after", "m2");
    JsonObject error = annClient.waitFor(f -> "error".equals(f.getString("type")));
    assertThat(error.getString("code")).isEqualTo("session-gone");
    assertThat(annClient.closeCode()).isEqualTo(CloseCode.UNKNOWN_SESSION.code());
    assertThat(chat.redis(Request.cmd(Command.EXISTS).arg(ChatRepository.stream(session))).toInteger()).isZero();
  }

  @Test
  @DisplayName("A message with a NUL character gets an unstorable_text error frame and nothing is stored")
  void nulMessageIsRefused() {
    TestUser ann = chat.auth.user("ann-nul");
    TestUser bob = chat.auth.user("bob-nul");
    String session = chat.collab.session(ann, bob);
    ChatClient annClient = chat.join(0, session, ann);
    annClient.message("a\u0000b", "nul");
    JsonObject error = annClient.waitFor(f -> "error".equals(f.getString("type")));
    assertThat(error.getString("code")).isEqualTo("unstorable-text");
    assertThat(error.getString("clientMsgId")).isEqualTo("nul");
    assertThat(chat.redis(Request.cmd(Command.EXISTS).arg(ChatRepository.stream(session))).toInteger()).isZero();
  }

  @Test
  @DisplayName("A transcript the history service refuses with a 400 is dead-lettered with its status, sent once, not retried")
  void refusedTranscriptIsDeadLettered() {
    TestUser ann = chat.auth.user("ann-dead");
    TestUser bob = chat.auth.user("bob-dead");
    String session = chat.collab.session(ann, bob);
    ChatClient annClient = chat.join(0, session, ann);
    annClient.message("hello", null);
    annClient.waitForType("ack", 1);
    chat.history.refuseNext(1);
    chat.redis(Request.cmd(Command.XADD).arg("peerprep:sessions:ended").arg("*").arg("sessionId").arg(session)
      .arg("endedAt").arg("2026-01-01T10:30:00Z"));
    Response read = ChatClient.await(chat.redis.send(Request.cmd(Command.XREAD).arg("BLOCK").arg(8_000)
      .arg("STREAMS").arg(ChatRepository.DEAD_LETTERS).arg("0")));
    assertThat(read).as("a dead letter").isNotNull();
    String letter = read.toString();
    assertThat(letter).contains(session).contains("400");
    assertThat(chat.history.puts(session)).hasSize(1);
  }
}
