package peerprep.common.ws;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import io.vertx.micrometer.backends.BackendRegistries;
import peerprep.common.app.ServiceMain;
import peerprep.common.testing.Await;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TurnFlush: the frames of one event-loop turn flushed once per socket")
class TurnFlushTest {
  private Vertx vertx;
  private HttpServer server;
  private Served served;
  /** Held for the whole test: a client nothing refers to is closed when it is collected. */
  private WebSocketClient clients;
  private WebSocket client;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final Promise<Short> clientClosed = Promise.promise();

  /** The server's end of the socket, with the writer and the flush of its event loop. */
  private record Served(ServerWebSocket ws, Context context, TurnFlush flush, TurnFlush.Writer writer) {
    /** Runs {@code turn} as one turn of the socket's event loop and waits for it. */
    void inOneTurn(Consumer<Served> turn) {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> {
        turn.accept(this);
        done.complete();
      });
      Await.of(done.future());
    }
  }

  @BeforeEach
  void connect() {
    vertx = Vertx.vertx();
    Promise<Served> upgraded = Promise.promise();
    server = Await.of(vertx.createHttpServer().requestHandler(request -> request.toWebSocket().onSuccess(ws -> {
      Context context = Vertx.currentContext();
      TurnFlush flush = new TurnFlush(context);
      upgraded.complete(new Served(ws, context, flush, flush.writer(request.connection())));
    })).listen(0, "127.0.0.1"));
    clients = vertx.createWebSocketClient();
    client = Await.of(clients.connect(server.actualPort(), "127.0.0.1", "/"));
    client.textMessageHandler(received::add);
    client.closeHandler(v -> clientClosed.tryComplete(client.closeStatusCode()));
    served = Await.of(upgraded.future());
  }

  @AfterEach
  void close() {
    Await.of(vertx.close());
  }

  private void awaitReceived(int count) {
    Await.until(vertx, () -> received.size() >= count);
  }

  @Test
  @DisplayName("Frames written to a socket in one turn arrive in order after one flush")
  void oneTurnOneFlush() {
    List<String> sent = IntStream.range(0, 50).mapToObj(i -> "frame " + i).toList();

    served.inOneTurn(s -> sent.forEach(s.writer()::text));
    awaitReceived(sent.size());

    assertThat(received).containsExactlyElementsOf(sent);
    assertThat(served.flush().frames()).isEqualTo(50);
    assertThat(served.flush().flushes()).isEqualTo(1);
  }

  @Test
  @DisplayName("Each turn flushes what it wrote: two turns, two flushes")
  void eachTurnFlushes() {
    served.inOneTurn(s -> s.writer().text("first"));
    awaitReceived(1);
    served.inOneTurn(s -> {
      s.writer().text("second");
      s.writer().text("third");
    });
    awaitReceived(3);

    assertThat(received).containsExactly("first", "second", "third");
    assertThat(served.flush().flushes()).isEqualTo(2);
  }

  @Test
  @DisplayName("Frames written before Vert.x's own close frame in the same turn go out ahead of it")
  void aheadOfTheCloseFrame() {
    served.inOneTurn(s -> {
      s.writer().text("a");
      s.writer().text("b");
      s.ws().close((short) 4000, "done");
    });

    assertThat(Await.of(clientClosed.future())).isEqualTo((short) 4000);
    assertThat(received).containsExactly("a", "b");
  }

  @Test
  @DisplayName("A socket's unflushed bytes are flushed at once when they reach the threshold")
  void largeTurnFlushesEarly() {
    String big = "x".repeat(8 * 1024);
    List<String> sent = IntStream.range(0, 40).mapToObj(i -> i + big).toList();

    served.inOneTurn(s -> sent.forEach(s.writer()::text));
    awaitReceived(sent.size());

    assertThat(received).containsExactlyElementsOf(sent);
    long bytes = sent.stream().mapToLong(String::length).sum();
    assertThat(served.flush().flushes()).isGreaterThanOrEqualTo(bytes / TurnFlush.FLUSH_AT);
  }

  @Test
  @DisplayName("The bytes of flushed frames count in the connection's bytes-written metric, as the frames Vert.x writes itself")
  void bytesWrittenMetric() {
    String registry = "turn-flush-" + UUID.randomUUID();
    Vertx metered = Vertx.builder().with(new VertxOptions().setMetricsOptions(ServiceMain.metricsOptions()
      .setRegistryName(registry))).build();
    try {
      Promise<Served> upgraded = Promise.promise();
      HttpServer meteredServer = Await.of(metered.createHttpServer().requestHandler(request ->
        request.toWebSocket().onSuccess(ws -> {
          Context context = Vertx.currentContext();
          TurnFlush flush = new TurnFlush(context);
          upgraded.complete(new Served(ws, context, flush, flush.writer(request.connection())));
        })).listen(0, "127.0.0.1"));
      WebSocketClient meteredClients = metered.createWebSocketClient();
      WebSocket meteredClient = Await.of(meteredClients.connect(meteredServer.actualPort(), "127.0.0.1", "/"));
      List<String> got = new CopyOnWriteArrayList<>();
      meteredClient.textMessageHandler(got::add);
      Served socket = Await.of(upgraded.future());
      List<String> sent = IntStream.range(0, 40).mapToObj(i -> i + " " + "y".repeat(1_000)).toList();
      long bytes = sent.stream().mapToLong(String::length).sum();
      MeterRegistry meters = BackendRegistries.getNow(registry);
      double before = written(meters);

      socket.inOneTurn(s -> sent.forEach(s.writer()::text));
      Await.until(metered, () -> got.size() == sent.size());

      Await.until(metered, () -> written(meters) - before >= bytes - 4096);
      assertThat(written(meters) - before).isBetween(bytes - 4096.0, bytes + 4096.0);
      Await.of(meteredClients.close());
    } finally {
      Await.of(metered.close());
    }
  }

  private static double written(MeterRegistry meters) {
    return meters.find("vertx.http.server.bytes.written").counters().stream().mapToDouble(Counter::count).sum();
  }

  @Test
  @DisplayName("A write from outside the socket's event loop is flushed at once")
  void outsideTheContext() {
    served.writer().text("from elsewhere");

    assertThat(served.flush().flushes()).isEqualTo(1);
    awaitReceived(1);
    assertThat(received).containsExactly("from elsewhere");
  }

  @Test
  @DisplayName("A client that stops reading leaves a backlog the writer reports, and past the bound it is stalled")
  void backlogOfAPausedClient() {
    client.pause();
    String chunk = "y".repeat(64 * 1024);
    long limit = TurnFlush.MAX_BACKLOG;
    // read on the socket's event loop, in the turn that wrote: only that loop hands bytes to the kernel,
    // so the backlog cannot shrink between the two readings (read from another thread, it can)
    long[] backlog = {0};
    boolean[] stalled = {true};
    served.inOneTurn(s -> stalled[0] = s.writer().stalled());
    assertThat(stalled[0]).isFalse();
    for (int turn = 0; turn < 1_000 && backlog[0] <= limit; turn++) {
      served.inOneTurn(s -> {
        for (int i = 0; i < 16; i++) {
          s.writer().text(chunk);
        }
        backlog[0] = s.writer().backlog();
        stalled[0] = s.writer().stalled();
      });
      if (backlog[0] <= limit) {
        assertThat(stalled[0]).as("stalled at a backlog of %d bytes", backlog[0]).isFalse();
      }
    }

    assertThat(backlog[0]).isGreaterThan(limit);
    assertThat(stalled[0]).isTrue();
    client.resume();
  }
}
