package peerprep.common.auth;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.Settings;
import peerprep.common.http.ApiException;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Redises;
import peerprep.testkit.EmbeddedRedis;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class UserSocketsTest {
  private Redis redis;
  private Revocations revocations;
  private UserSockets sockets;
  private HttpServer server;
  private WebSocketClient client;
  private final String userId = UUID.randomUUID().toString();

  @BeforeEach
  void setUp(Vertx vertx) {
    Settings settings = new Settings(new JsonObject().put("REDIS_URL", EmbeddedRedis.url()));
    redis = Redises.client(vertx, settings);
    revocations = new Revocations(vertx, redis, Redises.client(vertx, settings)).start().await();
    sockets = new UserSockets(vertx, redis, RedisFunctions.common(redis), revocations, "test-" + UUID.randomUUID(), 2);
    Principal user = new Principal(userId, "ada", Set.of("user"), System.currentTimeMillis());
    server = vertx.createHttpServer().requestHandler(req -> {
      req.pause();
      sockets.upgrade(user, req::toWebSocket).onFailure(e -> {
        ApiException api = (ApiException) e;
        req.resume();
        req.response().setStatusCode(api.status()).putHeader("Retry-After", String.valueOf(api.extra().getValue("retryAfter")))
          .end(api.getMessage());
      });
    }).listen(0, "127.0.0.1").await();
    client = vertx.createWebSocketClient();
  }

  @AfterEach
  void tearDown() {
    sockets.close();
    revocations.close().await();
    server.close().await();
    redis.close();
  }

  private WebSocket open() {
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/")).await();
  }

  @Test
  @DisplayName("A user over the socket cap is refused with 429 and Retry-After; closing a socket frees its place")
  void cap() {
    WebSocket first = open();
    open();
    assertThatThrownBy(this::open).isInstanceOfSatisfying(UpgradeRejectedException.class, e -> {
      assertThat(e.getStatus()).isEqualTo(429);
      assertThat(e.getHeaders().get("Retry-After")).isEqualTo("5");
    });
    first.close().await();
    WebSocket again = open();
    assertThat(again.isClosed()).isFalse();
  }

  @Test
  @DisplayName("Revoking the user's tokens closes the sockets opened before with 4401 and a reason")
  void revoked() throws Exception {
    WebSocket ws = open();
    Promise<String> closed = Promise.promise();
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode() + " " + ws.closeReason()));
    revocations.revoke(userId).await();
    assertThat(closed.future().await(5, TimeUnit.SECONDS)).isEqualTo(UserSockets.REVOKED + " " + UserSockets.REVOKED_REASON);
  }
}
