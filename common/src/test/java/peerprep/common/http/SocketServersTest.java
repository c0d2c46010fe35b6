package peerprep.common.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("WebSocket server options")
class SocketServersTest {

  /** Starts an echo server with the options, connects a client that offers per-message deflate, and returns its socket. */
  private static WebSocket connect(Vertx vertx, HttpServerOptions options) throws Exception {
    HttpServer server = vertx.createHttpServer(options)
      .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
      .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(true));
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"))
      .await(10, TimeUnit.SECONDS);
  }

  private static String extensions(WebSocket ws) {
    return ws.headers().get("Sec-WebSocket-Extensions");
  }

  @Test
  @DisplayName("A client that offers compression is answered without it, and messages still go both ways")
  void compressionIsRefused(Vertx vertx) throws Exception {
    WebSocket ws = connect(vertx, SocketServers.options(4096));

    assertThat(extensions(ws)).isNull();
    Future<String> echoed = Future.future(p -> ws.textMessageHandler(p::tryComplete));
    ws.writeTextMessage("{\"type\":\"ping\"}");
    assertThat(echoed.await(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"ping\"}");
  }

  @Test
  @DisplayName("Vert.x's defaults would have negotiated per-message deflate with the same client")
  void defaultsWouldCompress(Vertx vertx) throws Exception {
    WebSocket ws = connect(vertx, new HttpServerOptions());

    assertThat(extensions(ws)).contains("permessage-deflate");
  }

  @Test
  @DisplayName("A frame over the cap closes the socket instead of reaching the handler")
  void frameCap(Vertx vertx) throws Exception {
    WebSocket ws = connect(vertx, SocketServers.options(1024));
    Future<Short> closed = Future.future(p -> ws.closeHandler(v -> p.tryComplete(ws.closeStatusCode())));

    ws.writeFrame(WebSocketFrame.textFrame("x".repeat(4096), true));

    assertThat(closed.await(10, TimeUnit.SECONDS)).isNotNull();
    assertThatThrownBy(() -> ws.writeTextMessage("after").await(5, TimeUnit.SECONDS)).isNotNull();
  }
}
