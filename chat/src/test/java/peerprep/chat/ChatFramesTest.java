package peerprep.chat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatFramesTest {
  @RegisterExtension
  static final ServiceFixture<ChatVerticle> service = ChatFixture.service(2, new JsonObject().put("CHAT_MAX_MSGS_PER_10S", 5));
  private static ChatFixture chat;
  private TestUser ada;
  private TestUser linus;
  private String session;

  @BeforeAll
  static void start() {
    chat = ChatFixture.of(service);
  }

  @AfterAll
  static void stop() {
    chat.close();
  }

  @BeforeEach
  void newSession() {
    ada = chat.auth.user("ada");
    linus = chat.auth.user("linus");
    session = chat.collab.session(ada, linus);
  }

  /** Sends a raw frame and returns the error frame it caused, after checking the socket still answers. */
  private static JsonObject errorFor(ChatClient client, Runnable send) {
    int errors = client.ofType("error").size();
    int pongs = client.ofType("pong").size();
    send.run();
    JsonObject error = client.waitForType("error", errors + 1).get(errors);
    client.send(new JsonObject().put("type", "ping"));
    client.waitForType("pong", pongs + 1);
    return error;
  }

  @Test
  @DisplayName("An empty or blank message gets an empty_message error frame naming the client's message id")
  void emptyMessage() {
    ChatClient a = chat.join(0, session, ada);
    JsonObject empty = errorFor(a, () -> a.message("", "c-1"));
    JsonObject blank = errorFor(a, () -> a.message("   \n\t ", "c-2"));
    JsonObject missing = errorFor(a, () -> a.send(new JsonObject().put("type", "message")));

    assertThat(List.of(empty, blank, missing)).allMatch(e -> "empty-message".equals(e.getString("code")));
    assertThat(empty.getString("clientMsgId")).isEqualTo("c-1");
    assertThat(blank.getString("clientMsgId")).isEqualTo("c-2");
    assertThat(empty.getString("message")).isNotBlank();
    assertThat(a.ofType("ack")).isEmpty();
    a.close();
  }

  @Test
  @DisplayName("A message of 2 000 characters is stored and one of 2 001 gets a message_too_long error")
  void messageLength() {
    ChatClient a = chat.join(0, session, ada);
    a.message("x".repeat(2000), "ok");
    JsonObject ack = a.waitFor(f -> "ack".equals(f.getString("type")));
    JsonObject error = errorFor(a, () -> a.message("y".repeat(2001), "long"));

    assertThat(ack.getString("clientMsgId")).isEqualTo("ok");
    assertThat(error.getString("code")).isEqualTo("message-too-long");
    assertThat(error.getString("clientMsgId")).isEqualTo("long");
    a.close();
  }

  @Test
  @DisplayName("A frame over 8 KiB gets a frame_too_large error and the socket stays open")
  void oversizedFrame() {
    ChatClient a = chat.join(0, session, ada);
    JsonObject error = errorFor(a, () -> a.message("z".repeat(9000), "big"));

    assertThat(error.getString("code")).isEqualTo("frame-too-large");
    assertThat(a.ofType("ack")).isEmpty();
    a.close();
  }

  @Test
  @DisplayName("Malformed JSON, non-object JSON, a missing type and an unknown type each get their own error code")
  void malformedFrames() {
    ChatClient a = chat.join(0, session, ada);
    JsonObject badJson = errorFor(a, () -> a.raw("{\"type\": \"message\", "));
    JsonObject array = errorFor(a, () -> a.raw("[1, 2, 3]"));
    JsonObject noType = errorFor(a, () -> a.raw("{\"text\": \"hi\"}"));
    JsonObject unknown = errorFor(a, () -> a.raw("{\"type\": \"shout\"}"));
    JsonObject badText = errorFor(a, () -> a.raw("{\"type\": \"message\", \"text\": 42}"));

    assertThat(badJson.getString("code")).isEqualTo("malformed");
    assertThat(array.getString("code")).isEqualTo("malformed");
    assertThat(noType.getString("code")).isEqualTo("malformed");
    assertThat(unknown.getString("code")).isEqualTo("unknown-type");
    assertThat(unknown.getString("message")).contains("shout");
    assertThat(badText.getString("code")).isEqualTo("malformed");
    a.close();
  }

  @Test
  @DisplayName("A binary frame gets a binary_not_supported error")
  void binaryFrame() {
    ChatClient a = chat.join(0, session, ada);
    JsonObject error = errorFor(a, () -> a.binary(new byte[]{1, 2, 3}));

    assertThat(error.getString("code")).isEqualTo("binary-not-supported");
    a.close();
  }

  @Test
  @DisplayName("Past the per-user rate, a send gets a rate-limited error with a retry delay and the socket stays usable")
  void rateLimited() {
    ChatClient a = chat.join(0, session, ada);
    for (int i = 0; i < 6; i++) {
      a.message("burst " + i, "r" + i);
    }
    JsonObject limited = a.waitFor(f -> "error".equals(f.getString("type")));
    a.waitForType("ack", 5);
    a.send(new JsonObject().put("type", "ping"));
    a.waitForType("pong", 1);

    assertThat(limited.getString("code")).isEqualTo("rate-limited");
    assertThat(limited.getString("clientMsgId")).isEqualTo("r5");
    assertThat(limited.getLong("retryAfterMs")).isBetween(1L, 10_000L);
    assertThat(a.ofType("ack")).hasSize(5);
    a.close();
  }

  @Test
  @DisplayName("The rate is per user across sockets and instances, and does not touch the partner")
  void ratePerUser() {
    ChatClient a1 = chat.join(0, session, ada);
    ChatClient a2 = chat.join(1, session, ada);
    ChatClient b = chat.join(1, session, linus);
    for (int i = 0; i < 5; i++) {
      a1.message("one " + i, null);
    }
    a1.waitForType("ack", 5);
    a2.message("one too many", "over");
    b.message("partner is fine", "partner");

    assertThat(a2.waitFor(f -> "error".equals(f.getString("type"))).getString("code")).isEqualTo("rate-limited");
    assertThat(b.waitFor(f -> "ack".equals(f.getString("type"))).getString("clientMsgId")).isEqualTo("partner");
    a1.close();
    a2.close();
    b.close();
  }
}
