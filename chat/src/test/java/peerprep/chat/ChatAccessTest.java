package peerprep.chat;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Es256Signatures;
import peerprep.common.auth.Revocations;
import peerprep.common.auth.UserSockets;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Chat sockets: revocation closes them, a cap per user, canonical tokens only")
class ChatAccessTest {
  private static final int CAP = 2;
  @RegisterExtension
  static final ServiceFixture<ChatVerticle> service = ChatFixture.service(2, new JsonObject().put("SOCKETS_PER_USER", CAP));
  private static ChatFixture chat;
  private static Revocations userService;

  @BeforeAll
  static void start() {
    chat = ChatFixture.of(service);
    userService = ChatClient.await(new Revocations(service.vertx(), Redis.createClient(service.vertx(), EmbeddedRedis.url()),
      Redis.createClient(service.vertx(), EmbeddedRedis.url())).start());
  }

  @AfterAll
  static void stop() {
    ChatClient.await(userService.close());
    chat.close();
  }

  @Test
  @DisplayName("Revoking a user's tokens closes their open chat socket with 4401 and the reason; the partner chats on, and the old token is refused")
  void revocationClosesSocket() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient a = chat.join(0, session, ada);
    ChatClient b = chat.join(1, session, linus);

    ChatClient.await(userService.revoke(ada.id()));

    assertThat(a.closeCode()).isEqualTo(UserSockets.REVOKED);
    assertThat(a.closeReason()).isEqualTo(UserSockets.REVOKED_REASON);
    b.message("still here", "b-1");
    assertThat(b.waitFor(f -> "ack".equals(f.getString("type"))).getString("clientMsgId")).isEqualTo("b-1");
    assertThatThrownBy(() -> ChatClient.await(ChatClient.connect(chat.ws, chat.port(1), session, ada.token(), null)))
      .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
    b.close();
  }

  @Test
  @DisplayName("A user holding the most sockets allowed, spread over two tasks, is refused another with 429 and Retry-After")
  void socketCap() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    ChatClient first = chat.join(0, session, ada);
    ChatClient second = chat.join(1, session, ada);

    assertThatThrownBy(() -> ChatClient.await(ChatClient.connect(chat.ws, chat.port(0), session, ada.token(), null)))
      .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> {
        assertThat(e.getStatus()).isEqualTo(429);
        assertThat(e.getHeaders().get("Retry-After")).isNotBlank();
      });
    ChatClient partner = chat.join(0, session, linus);
    partner.close();
    first.close();
    second.close();
  }

  @Test
  @DisplayName("The high-S twin of a valid token is refused on the socket and the REST backlog")
  void highSTwin() {
    TestUser ada = chat.auth.user("ada");
    TestUser linus = chat.auth.user("linus");
    String session = chat.collab.session(ada, linus);
    String twin = Es256Signatures.highSTwin(ada.token());
    assertThatThrownBy(() -> ChatClient.await(ChatClient.connect(chat.ws, chat.port(0), session, twin, null)))
      .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
    var backlog = ChatClient.await(chat.http.get(chat.port(0), "127.0.0.1", "/sessions/" + session + "/messages")
      .putHeader("Authorization", "Bearer " + twin).send());
    assertThat(backlog.statusCode()).isEqualTo(401);
    var valid = ChatClient.await(chat.http.get(chat.port(0), "127.0.0.1", "/sessions/" + session + "/messages")
      .putHeader("Authorization", "Bearer " + ada.token()).send());
    assertThat(valid.statusCode()).isEqualTo(200);
  }
}
