package peerprep.common.ws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.testing.Await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackPairTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.of(vertx.close());
  }

  /** Echoes every text frame back, so a side can be done once it heard itself. */
  private static final class Echoing implements LoopbackPair.Side {
    private final Promise<Void> done = Promise.promise();
    private final String word;

    Echoing(String word) {
      this.word = word;
    }

    @Override
    public void connected(WebSocket socket) {
      socket.textMessageHandler(text -> {
        if (text.equals(word)) {
          done.tryComplete();
        }
      });
      socket.writeTextMessage(word);
    }

    @Override
    public Future<Void> done() {
      return done.future();
    }
  }

  @Test
  @DisplayName("Each side reaches the server as its own index, both finish, and the clean-up runs once")
  void bothSidesFinish() {
    List<Integer> served = new ArrayList<>();
    AtomicInteger cleanups = new AtomicInteger();
    Await.of(LoopbackPair.run(vertx, (request, side) -> {
      served.add(side);
      request.toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage));
    }, List.of(new Echoing("zero"), new Echoing("one")), 10_000, () -> {
      cleanups.incrementAndGet();
      return Future.succeededFuture();
    }));
    assertThat(served).containsExactlyInAnyOrder(0, 1);
    assertThat(cleanups).hasValue(1);
  }

  @Test
  @DisplayName("A side that never finishes fails the run at the timeout, and the clean-up still runs")
  void timeoutStillCleansUp() {
    AtomicInteger cleanups = new AtomicInteger();
    Future<Void> run = LoopbackPair.run(vertx, (request, side) -> request.toWebSocket(),
      List.of(new Echoing("never heard"), new Echoing("nor this")), 300, () -> {
        cleanups.incrementAndGet();
        return Future.succeededFuture();
      });
    Throwable failure = Await.of(run.transform(ar -> Future.succeededFuture(ar.cause())));
    assertThat(failure).isInstanceOf(TimeoutException.class);
    assertThat(cleanups).hasValue(1);
  }

  @Test
  @DisplayName("A warm-up gives its result when it finishes, and null (never a failure) when it does not")
  void warmUpNeverFails() {
    Logger log = LoggerFactory.getLogger(LoopbackPairTest.class);
    assertThat(Await.of(LoopbackPair.warmUp(log, () -> Future.succeededFuture(7), n -> n + " things"))).isEqualTo(7);
    Future<Integer> failed = LoopbackPair.warmUp(log, () -> Future.failedFuture("no loopback"), n -> n + " things");
    assertThat(Await.of(failed)).isNull();
    assertThat(failed.succeeded()).isTrue();
  }
}
