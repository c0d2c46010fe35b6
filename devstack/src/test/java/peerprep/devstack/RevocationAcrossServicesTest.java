package peerprep.devstack;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.auth.Auth;
import peerprep.common.auth.UserSockets;
import peerprep.testkit.EmbeddedDatabases;
import peerprep.testkit.EmbeddedRedis;

import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole backend in one JVM, as {@code make run} starts it (on ports shifted by 21000): an admin
 * disables a user, and every other service stops honouring the user's token within seconds.
 */
@DisplayName("Revocation across the whole backend")
class RevocationAcrossServicesTest {
  private static final int OFFSET = 21_000;
  private static final long WITHIN_MS = 5_000;
  private static Vertx vertx;
  private static StackConfig stack;
  private static WebClient http;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    stack = new StackConfig(Files.createTempDirectory("peerprep-revocation"), OFFSET);
    DevStack.start(vertx, stack, 54329 - OFFSET / 10, 63799 - OFFSET / 10).await(180, TimeUnit.SECONDS);
    http = WebClient.create(vertx);
    sockets = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    EmbeddedRedis.stop();
    EmbeddedDatabases.stop();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  private static int port(String module) {
    return stack.port(StackConfig.service(module));
  }

  private static JsonObject register(String name) throws Exception {
    HttpResponse<Buffer> r = await(http.post(port("user"), "127.0.0.1", "/auth/register").sendJsonObject(new JsonObject()
      .put("username", name).put("email", name + "@example.com").put("password", "Correct-horse-42")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static String adminToken() throws Exception {
    String password = Files.readString(stack.state().resolve("admin-password")).trim();
    HttpResponse<Buffer> r = await(http.post(port("user"), "127.0.0.1", "/auth/login")
      .sendJsonObject(new JsonObject().put("identifier", "admin").put("password", password)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("accessToken");
  }

  private static String session(JsonObject a, JsonObject b) throws Exception {
    JsonArray participants = new JsonArray();
    for (JsonObject u : new JsonObject[]{a, b}) {
      participants.add(new JsonObject().put("id", u.getString("id")).put("username", u.getString("username")));
    }
    String internal = Files.readString(stack.state().resolve("internal-token")).trim();
    HttpResponse<Buffer> r = await(http.post(port("collab"), "127.0.0.1", "/internal/sessions")
      .putHeader(Auth.INTERNAL_HEADER, internal)
      .sendJsonObject(new JsonObject().put("matchId", UUID.randomUUID().toString()).put("participants", participants)
        .put("question", new JsonObject().put("id", "q-1").put("title", "Two Sum").put("difficulty", "Easy")
          .put("topics", new JsonArray().add("arrays")))
        .put("language", "python")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("sessionId");
  }

  private static Future<WebSocket> socket(String module, String path, String token) {
    return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port(module))
      .setURI(path + "?access_token=" + token));
  }

  /** Completes with "code reason" when the server closes the socket. */
  private static Future<String> closing(WebSocket ws) {
    Promise<String> closed = Promise.promise();
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode() + " " + ws.closeReason()));
    return closed.future();
  }

  private static int questionStatus(String token) throws Exception {
    return await(http.get(port("question"), "127.0.0.1", "/topics").putHeader("Authorization", "Bearer " + token).send())
      .statusCode();
  }

  @Test
  @DisplayName("An admin disabling a user ends their access everywhere within seconds: question 401, chat and collaboration sockets closed with the reason, a push refused")
  void disableEndsAccessEverywhere() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    JsonObject ada = register("ada" + suffix);
    JsonObject linus = register("linus" + suffix);
    String token = ada.getString("accessToken");
    String adaId = ada.getJsonObject("user").getString("id");
    String sessionId = session(ada.getJsonObject("user"), linus.getJsonObject("user"));
    assertThat(questionStatus(token)).isEqualTo(200);
    WebSocket chat = await(socket("chat", "/sessions/" + sessionId + "/ws", token));
    WebSocket collab = await(socket("collab", "/sessions/" + sessionId + "/ws", token));
    Future<String> chatClosed = closing(chat);
    Future<String> collabClosed = closing(collab);

    long disabledAt = System.currentTimeMillis();
    HttpResponse<Buffer> disabled = await(http.patch(port("user"), "127.0.0.1", "/admin/users/" + adaId)
      .putHeader("Authorization", "Bearer " + adminToken()).sendJsonObject(new JsonObject().put("disabled", true)));
    assertThat(disabled.statusCode()).as(disabled.bodyAsString()).isEqualTo(200);

    String expected = UserSockets.REVOKED + " " + UserSockets.REVOKED_REASON;
    assertThat(chatClosed.await(WITHIN_MS, TimeUnit.MILLISECONDS)).isEqualTo(expected);
    assertThat(collabClosed.await(WITHIN_MS, TimeUnit.MILLISECONDS)).isEqualTo(expected);
    assertThatThrownBy(() -> await(collab.writeTextMessage(new JsonObject().put("type", "push").put("version", 0).encode())))
      .as("a push on the closed socket").isNotNull();
    assertThatThrownBy(() -> await(socket("collab", "/sessions/" + sessionId + "/ws", token)))
      .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
    // The question service hears the same announcement on its own subscription; no event of it is visible here.
    while (questionStatus(token) != 401 && System.currentTimeMillis() - disabledAt < WITHIN_MS) {
      await(Future.future(p -> vertx.setTimer(50, t -> p.complete())));
    }
    assertThat(questionStatus(token)).isEqualTo(401);
    assertThat(System.currentTimeMillis() - disabledAt).isLessThan(WITHIN_MS);
  }
}
