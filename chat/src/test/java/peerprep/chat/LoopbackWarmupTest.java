package peerprep.chat;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The start-up warm-up: a real exchange through the socket code that leaves nothing behind")
class LoopbackWarmupTest {
  private static final int MESSAGES = 300;
  @RegisterExtension
  static final ServiceFixture<ChatVerticle> service = ChatFixture.service(2,
    new JsonObject().put("CHAT_WARMUP_MESSAGES", MESSAGES));
  private static ChatFixture chat;

  @BeforeAll
  static void start() {
    chat = ChatFixture.of(service);
  }

  @AfterAll
  static void stop() {
    chat.close();
  }

  @Test
  @DisplayName("Each task's two warm-up sockets had every message acknowledged and delivered before it listened, past the per-user rate")
  void everyMessageAcknowledgedAndDelivered() {
    for (int i = 0; i < service.instanceCount(); i++) {
      LoopbackWarmup.Result result = service.verticle(i).warmup();
      assertThat(result).as("task %d", i).isNotNull();
      assertThat(result.acked()).isEqualTo(2 * MESSAGES);
      assertThat(result.delivered()).isEqualTo(2 * MESSAGES);
    }
  }

  @Test
  @DisplayName("No key of a warm-up session is left in Redis: stream, presence, markers, rate counters, presence index entries")
  void nothingLeftBehind() {
    List<String> sessions = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < service.instanceCount(); i++) {
      sessions.add(service.verticle(i).warmup().sessionId());
      users.addAll(service.verticle(i).warmup().users());
    }
    assertThat(users).hasSize(4);
    for (String session : sessions) {
      List<String> keys = new ArrayList<>();
      keys.add(ChatRepository.stream(session));
      keys.add("chat:p:" + session);
      keys.add(ChatRepository.sessionMarker(session));
      keys.add(ChatRepository.endedMarker(session));
      users.forEach(u -> keys.add(ChatRepository.rateBucket(u)));
      Request exists = Request.cmd(Command.EXISTS);
      keys.forEach(exists::arg);
      assertThat(send(exists).toInteger()).as("keys of %s", session).isZero();
    }
    Response index = send(Request.cmd(Command.ZRANGE).arg("chat:presence").arg(0).arg(-1));
    for (Response entry : index) {
      assertThat(sessions).noneMatch(s -> entry.toString().startsWith(s + "|"));
    }
  }

  @Test
  @DisplayName("After the warm-up the tasks serve real users as before")
  void servesAfterwards() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    ChatClient b = chat.join(1, session, linus);
    a.message("hello after warm-up", "a-1");
    assertThat(b.waitFor(f -> "message".equals(f.getString("type"))).getString("text")).isEqualTo("hello after warm-up");
    a.close();
    b.close();
  }

  private static Response send(Request request) {
    return ChatClient.await(chat.redis.send(request));
  }
}
