package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.http.OpenApi;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChatRoutesTest {
  @RegisterExtension
  static final ServiceFixture<ChatVerticle> service = ChatFixture.service(1, new JsonObject().put("CHAT_SESSION_CACHE_MS", 0));
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
    chat.collab.down(false);
  }

  private HttpResponse<Buffer> get(String path, TestUser user) {
    var request = chat.http.get(chat.port(0), "127.0.0.1", path);
    if (user != null) {
      request.putHeader("Authorization", user.bearer());
    }
    return ChatClient.await(request.send());
  }

  private int refusal(String sessionId, String token, String after) {
    Future<ChatClient> attempt = ChatClient.connect(chat.ws, chat.port(0), sessionId, token, after);
    UpgradeRejectedException e = catchThrowableOfType(UpgradeRejectedException.class, () -> ChatClient.await(attempt));
    assertThat(e).as("the upgrade should have been refused").isNotNull();
    assertThat(e.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
    assertThat(new JsonObject(e.getBody()).getString("detail")).isNotBlank();
    return e.getStatus();
  }

  private void sendAll(String... texts) {
    ChatClient a = chat.join(0, session, ada);
    for (String t : texts) {
      a.message(t, null);
    }
    a.waitForType("ack", texts.length);
    a.close();
  }

  @Test
  @DisplayName("The document served at the root and under the prefix is the one the routes are built from")
  void openApiServed() {
    JsonObject doc = OpenApi.load("openapi/chat.json");
    assertThat(get("/openapi.json", null).bodyAsJsonObject()).isEqualTo(doc);
    assertThat(get("/chat-service-api/openapi.json", null).bodyAsJsonObject()).isEqualTo(doc);
  }

  @Test
  @DisplayName("Health is 200 when Redis and the pub/sub connection are up")
  void health() {
    HttpResponse<Buffer> r = get("/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).contains("redis-pubsub");
  }

  @Test
  @DisplayName("A participant reads the newest messages oldest first, with hasMore telling whether older ones exist")
  void readRecentMessages() {
    sendAll("one", "two", "three");
    JsonObject page = get("/sessions/" + session + "/messages?limit=2", linus).bodyAsJsonObject();
    JsonObject all = get("/chat-service-api/sessions/" + session + "/messages", ada).bodyAsJsonObject();

    assertThat(page.getString("status")).isEqualTo("active");
    assertThat(texts(page.getJsonArray("messages"))).containsExactly("two", "three");
    assertThat(page.getBoolean("hasMore")).isTrue();
    assertThat(texts(all.getJsonArray("messages"))).containsExactly("one", "two", "three");
    assertThat(all.getBoolean("hasMore")).isFalse();
    JsonObject first = all.getJsonArray("messages").getJsonObject(0);
    assertThat(first.getString("user")).isEqualTo(ada.id());
    assertThat(first.getString("username")).isEqualTo("ada");
    assertThat(first.getString("at")).endsWith("Z");
  }

  @Test
  @DisplayName("With 'after' a participant gets only newer messages, a page at a time")
  void readAfter() {
    sendAll("one", "two", "three", "four");
    JsonArray all = get("/sessions/" + session + "/messages", ada).bodyAsJsonObject().getJsonArray("messages");
    String firstId = all.getJsonObject(0).getString("id");
    JsonObject page = get("/sessions/" + session + "/messages?after=" + firstId + "&limit=2", ada).bodyAsJsonObject();
    String lastId = all.getJsonObject(3).getString("id");
    JsonObject none = get("/sessions/" + session + "/messages?after=" + lastId, ada).bodyAsJsonObject();

    assertThat(texts(page.getJsonArray("messages"))).containsExactly("two", "three");
    assertThat(page.getBoolean("hasMore")).isTrue();
    assertThat(none.getJsonArray("messages")).isEmpty();
    assertThat(none.getBoolean("hasMore")).isFalse();
  }

  @Test
  @DisplayName("Reading messages is 401 without a token, 403 for a non-participant and 404 for an unknown session")
  void readRefusals() {
    TestUser eve = chat.auth.user("eve");
    HttpResponse<Buffer> anonymous = get("/sessions/" + session + "/messages", null);
    HttpResponse<Buffer> outsider = get("/sessions/" + session + "/messages", eve);
    HttpResponse<Buffer> unknown = get("/sessions/" + UUID.randomUUID() + "/messages", ada);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(get("/sessions/" + session + "/messages", new TestUser(ada.id(), "ada", ada.token() + "x")).statusCode()).isEqualTo(401);
    assertThat(outsider.statusCode()).isEqualTo(403);
    assertThat(outsider.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(outsider.bodyAsJsonObject().getString("detail")).contains("not a participant");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("Reading messages with a malformed session id, 'after' or 'limit' is a 400 with a detail")
  void readBadInput() {
    HttpResponse<Buffer> badId = get("/sessions/not-a-session/messages", ada);
    HttpResponse<Buffer> badAfter = get("/sessions/" + session + "/messages?after=yesterday", ada);
    HttpResponse<Buffer> badLimit = get("/sessions/" + session + "/messages?limit=5000", ada);

    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badAfter.statusCode()).isEqualTo(400);
    assertThat(badAfter.bodyAsJsonObject().getString("detail")).contains("'after' must match the pattern");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.bodyAsJsonObject().getString("detail")).contains("limit");
  }

  @Test
  @DisplayName("When the collaboration service fails, reading and connecting are 503, not 500")
  void collaborationDown() {
    chat.collab.down(true);
    assertThat(get("/sessions/" + session + "/messages", ada).statusCode()).isEqualTo(503);
    assertThat(refusal(session, ada.token(), null)).isEqualTo(503);
  }

  @Test
  @DisplayName("The WebSocket refuses a missing, invalid or tampered token with 401 before upgrading")
  void socketUnauthenticated() {
    assertThat(refusal(session, null, null)).isEqualTo(401);
    assertThat(refusal(session, "not.a.token", null)).isEqualTo(401);
    assertThat(refusal(session, ada.token() + "x", null)).isEqualTo(401);
  }

  @Test
  @DisplayName("The WebSocket refuses a non-participant with 403 and an unknown session with 404")
  void socketNotAdmitted() {
    TestUser eve = chat.auth.user("eve");
    assertThat(refusal(session, eve.token(), null)).isEqualTo(403);
    assertThat(refusal(UUID.randomUUID().toString(), ada.token(), null)).isEqualTo(404);
  }

  @Test
  @DisplayName("The WebSocket refuses a malformed session id or 'after' with 400")
  void socketBadInput() {
    assertThat(refusal("nope", ada.token(), null)).isEqualTo(400);
    assertThat(refusal(session, ada.token(), "last-one")).isEqualTo(400);
  }

  @Test
  @DisplayName("A plain GET on the WebSocket route is a 426 asking for an upgrade")
  void socketWithoutUpgrade() {
    HttpResponse<Buffer> r = get("/sessions/" + session + "/ws", ada);
    assertThat(r.statusCode()).isEqualTo(426);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("WebSocket");
  }

  @Test
  @DisplayName("A blank or space-padded 'after' and a session id in upper case are read as the service writes them")
  void readLenientInput() {
    sendAll("one", "two");
    String firstId = get("/sessions/" + session + "/messages", ada).bodyAsJsonObject().getJsonArray("messages")
      .getJsonObject(0).getString("id");
    JsonObject blank = get("/sessions/" + session + "/messages?after=%20", ada).bodyAsJsonObject();
    JsonObject padded = get("/sessions/" + session + "/messages?after=%20" + firstId + "%20", ada).bodyAsJsonObject();
    JsonObject upper = get("/sessions/" + session.toUpperCase() + "/messages", ada).bodyAsJsonObject();

    assertThat(texts(blank.getJsonArray("messages"))).containsExactly("one", "two");
    assertThat(texts(padded.getJsonArray("messages"))).containsExactly("two");
    assertThat(upper.getString("sessionId")).isEqualTo(session);
  }

  private static java.util.List<String> texts(JsonArray messages) {
    return messages.stream().map(m -> ((JsonObject) m).getString("text")).toList();
  }
}
