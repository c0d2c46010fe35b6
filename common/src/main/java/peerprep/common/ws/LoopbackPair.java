package peerprep.common.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.slf4j.Logger;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Two WebSocket clients of this process talking through a server of its own on a loopback port, which no
 * one else reaches: a start-up warm-up drives a service's real socket code with it before the service
 * listens. The server hands each upgrade to the service's code with the index (0 or 1) of the client that
 * made it; each client is a {@link Side} that says when it is done.
 */
public final class LoopbackPair {
  private LoopbackPair() {
  }

  /** One of the two clients. */
  public interface Side {
    /** Takes over the connected socket (its handlers, its first frame). */
    void connected(WebSocket socket);

    /** Completes when this side has done all it set out to do. */
    Future<Void> done();
  }

  /**
   * Connects both sides, waits until both are done or {@code timeoutMs} passed, then runs {@code cleanup}
   * and closes the clients and the server, whatever happened.
   *
   * @param serve   the service's code for one upgrade request, given the index of the side that sent it
   * @param cleanup what must happen after the exchange (the served sockets closed, their keys deleted)
   */
  public static Future<Void> run(Vertx vertx, BiConsumer<HttpServerRequest, Integer> serve, List<? extends Side> sides,
                                 long timeoutMs, Supplier<Future<Void>> cleanup) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sides.size()));
    Future<HttpServer> listening = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
      .requestHandler(request -> serve.accept(request, "1".equals(request.getParam("side")) ? 1 : 0))
      .listen();
    return listening
      .compose(server -> Future.all(sides.stream().map(side -> connect(client, server, side, sides.indexOf(side))).toList()))
      .compose(v -> Future.all(sides.stream().map(Side::done).toList()))
      .timeout(timeoutMs, TimeUnit.MILLISECONDS)
      .<Void>mapEmpty()
      .eventually(() -> cleanup.get()
        .transform(ignored -> client.close())
        .transform(ignored -> listening.succeeded() ? listening.result().close() : Future.succeededFuture()));
  }

  /**
   * Runs a task's start-up warm-up and never fails: logs what it did ({@code describe}) and how long it
   * took, or that it did not finish and the task starts anyway; the result is null in that case.
   */
  public static <R> Future<R> warmUp(Logger log, Supplier<Future<R>> warmUp, Function<R, String> describe) {
    long started = System.nanoTime();
    return warmUp.get()
      .onSuccess(r -> log.info("Warm-up: {} in {} ms", describe.apply(r), (System.nanoTime() - started) / 1_000_000))
      .onFailure(e -> log.warn("Warm-up did not finish ({}); starting anyway", e.getMessage()))
      .otherwiseEmpty();
  }

  private static Future<Void> connect(WebSocketClient client, HttpServer server, Side side, int index) {
    return client.connect(server.actualPort(), "127.0.0.1", "/?side=" + index).map(socket -> {
      side.connected(socket);
      return null;
    });
  }
}
