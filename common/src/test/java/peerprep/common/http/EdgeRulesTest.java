package peerprep.common.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("The request edge every service shares")
class EdgeRulesTest {
  private static final HttpTimeouts SHORT = new HttpTimeouts(2_500, 1_000, 1_500, 1_500);
  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    Router router = ServiceRouter.create(vertx, "demo-service", 4096, HealthCheckHandler.create(vertx), "openapi/commontest.json", r -> r
      .on("createThing", ctx -> ctx.response().setStatusCode(201).end(ContractRouter.body(ctx).encode()))
      .on("getThing", ctx -> ctx.response().end(ctx.pathParam("id")))
      .on("listTags", ctx -> ctx.response().end())
      .on("internalSecret", ctx -> ctx.response().end("internal"))
      .on("boom", ctx -> ctx.response().end())
      .on("contended", ctx -> ctx.response().end())
      .on("slow", ctx -> { })
      .on("echo", ctx -> ctx.response().setStatusCode(201).end(ContractRouter.body(ctx).encode()))
      .plain("socket", ctx -> { })).await();
    server = ServiceServer.listen(vertx, SHORT, router, 0).await();
  }

  @AfterAll
  static void stop() {
    server.close().await();
  }

  /** Sends raw bytes and collects everything the server answers until it closes the connection. */
  private static Exchange exchange(String request) {
    return exchange(request, null);
  }

  /** Same, writing {@code followUp} once the first answer bytes have arrived. */
  private static Exchange exchange(String request, String followUp) {
    NetClient net = vertx.createNetClient();
    NetSocket socket = net.connect(server.actualPort(), "localhost").await();
    Buffer answer = Buffer.buffer();
    Promise<Long> closed = Promise.promise();
    long opened = System.nanoTime();
    socket.handler(bytes -> {
      if (followUp != null && answer.length() == 0) {
        socket.write(followUp);
      }
      answer.appendBuffer(bytes);
    });
    socket.closeHandler(v -> closed.tryComplete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)));
    socket.write(Buffer.buffer(request.getBytes(StandardCharsets.ISO_8859_1)));
    long after = closed.future().timeout(10, TimeUnit.SECONDS).await();
    return new Exchange(answer.toString(StandardCharsets.ISO_8859_1), after);
  }

  private record Exchange(String text, long closedAfterMs) {
    int status() {
      return Integer.parseInt(text.substring(9, 12));
    }

    JsonObject problem() {
      assertThat(text).containsIgnoringCase("Content-Type: " + Problems.CONTENT_TYPE);
      return new JsonObject(text.substring(text.indexOf("\r\n\r\n") + 4));
    }
  }

  private static String post(String path, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + contentType
      + "\r\nContent-Length: " + bytes.length + "\r\n\r\n" + new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  }

  @Test
  @DisplayName("A malformed multipart body is a 415 problem before anything parses it, never a 500")
  void multipart() {
    Exchange r = exchange(post("/things", "multipart/form-data; boundary=x", "--x\r\n\r\n--x--"));
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.problem().getString("detail")).contains("application/json");
    assertThat(exchange(post("/demo-service-api/things", "application/x-www-form-urlencoded", "a=%zz")).status()).isEqualTo(415);
  }

  @Test
  @DisplayName("A JSON route answers a body of another type with a 415 problem naming the type")
  void otherType() {
    Exchange r = exchange(post("/things", "text/plain", "{\"name\":\"a\"}"));
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.problem().getString("detail")).contains("text/plain");
    assertThat(exchange(post("/things", "application/json; charset=utf-8", "{\"name\":\"a\"}")).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("A NUL anywhere in a JSON body is a 400 problem naming the field")
  void nulInBody() {
    Exchange r = exchange(post("/echo", "application/json", "{\"identifier\":\"a\\u0000b\"}"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problem().getString("detail")).contains("'identifier'").contains("U+0000");
    assertThat(r.problem().getString("field")).isEqualTo("identifier");
    Exchange nested = exchange(post("/echo", "application/json", "{\"a\":{\"b\":[\"ok\",\"\\ud800\"]}}"));
    assertThat(nested.problem().getString("detail")).contains("'a.b[1]'").contains("surrogate");
    assertThat(nested.problem().getString("field")).isEqualTo("a.b[1]");
  }

  @Test
  @DisplayName("A NUL in a query string or path, or a malformed query string, is a 400 problem")
  void nulInQueryAndPath() {
    Exchange query = exchange(get("/things/1?q=a%00b"));
    assertThat(query.status()).isEqualTo(400);
    assertThat(query.problem().getString("detail")).contains("'q'");
    assertThat(exchange(get("/things/a%00b")).status()).isEqualTo(400);
    assertThat(exchange(get("/things/1?q=%zz")).status()).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "/demo-service-api/%2e%2e/internal/secret",
    "/demo-service-api/%2e%2e/%69nternal/secret",
    "/demo-service-api/%2E%2E/internal/secret",
    "/demo-service-api/.%2e/internal/secret",
    "/demo-service-api/%2e./internal/secret",
    "/demo-service-api/../internal/secret",
    "/demo-service-api/things/../../internal/secret",
    "/demo-service-api/%252e%252e/internal/secret",
    "/demo-service-api/..%2finternal/secret",
    "/demo-service-api/..%5cinternal/secret",
    "/demo-service-api/..\\internal/secret",
    "/demo-service-api/./internal/secret"
  })
  @DisplayName("An encoded climb out of the public prefix is a 400 problem and never reaches an internal route")
  void encodedClimb(String path) {
    Exchange r = exchange(get(path));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).doesNotContain("internal\r\n").doesNotEndWith("internal");
    assertThat(r.problem().getInteger("status")).isEqualTo(400);
  }

  @Test
  @DisplayName("An internal route answers at the root, never under the public prefix, however its name is encoded")
  void internalOnlyAtRoot() {
    assertThat(exchange(get("/internal/secret")).text()).endsWith("internal");
    assertThat(exchange(get("/%69nternal/secret")).text()).endsWith("internal");
    assertThat(exchange(get("/demo-service-api/internal/secret")).status()).isEqualTo(404);
    assertThat(exchange(get("/demo-service-api/%69nternal/secret")).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A request head that never completes is answered 408 and closed after the header timeout")
  void slowHeaders() {
    Exchange r = exchange("GET /things/1 HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    assertThat(r.status()).isEqualTo(408);
    assertThat(r.problem().getString("detail")).contains("1000 ms");
    assertThat(r.closedAfterMs()).isBetween(900L, 2_400L);
  }

  @Test
  @DisplayName("A second request head that stalls on a kept-alive connection is answered 408 after the header timeout")
  void slowSecondHead() {
    Exchange r = exchange("GET /things/1 HTTP/1.1\r\nHost: x\r\n\r\n", "GET /things/2 HTTP/1.1\r\nHo");
    assertThat(r.text()).startsWith("HTTP/1.1 200").contains("HTTP/1.1 408");
    assertThat(r.closedAfterMs()).isBetween(900L, 2_400L);
  }

  @Test
  @DisplayName("A new connection that sends nothing is closed after the header timeout")
  void silentConnection() {
    Exchange r = exchange("");
    assertThat(r.status()).isEqualTo(408);
    assertThat(r.closedAfterMs()).isBetween(900L, 2_400L);
  }

  @Test
  @DisplayName("A keep-alive connection serves a request, then is closed after the idle timeout")
  void idleAfterRequest() {
    Exchange r = exchange("GET /things/1 HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(r.text()).startsWith("HTTP/1.1 200").endsWith("1").doesNotContain("408");
    assertThat(r.closedAfterMs()).isBetween(2_400L, 5_000L);
  }

  @Test
  @DisplayName("A body that never finishes arriving is a 408 problem after the request timeout")
  void slowBody() {
    Exchange r = exchange("POST /things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"na");
    assertThat(r.status()).isEqualTo(408);
    assertThat(r.problem().getString("detail")).contains("1500 ms");
  }

  @Test
  @DisplayName("A handler that never answers is a 503 problem after the request timeout")
  void slowHandler() {
    Exchange r = exchange(get("/slow"));
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.problem().getString("detail")).contains("1500 ms");
  }

  @Test
  @DisplayName("A WebSocket upgrade nobody accepts is a 503 problem after the handshake timeout")
  void slowHandshake() {
    Exchange r = exchange("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.problem().getString("detail")).contains("handshake");
  }

  @Test
  @DisplayName("A request line over the limit is a 414 problem and headers over the limit a 431 problem")
  void tooLong() {
    Exchange line = exchange(get("/things/" + "a".repeat(ServiceServer.MAX_REQUEST_LINE)));
    assertThat(line.status()).isEqualTo(414);
    assertThat(line.problem().getString("detail")).contains("request line");
    Exchange headers = exchange("GET /things/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(ServiceServer.MAX_HEADER_BYTES) + "\r\n\r\n");
    assertThat(headers.status()).isEqualTo(431);
    assertThat(headers.problem().getString("detail")).contains("headers");
  }
}
