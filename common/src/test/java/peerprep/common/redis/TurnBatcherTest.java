package peerprep.common.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("TurnBatcher: the calls of one event-loop turn made as one")
class TurnBatcherTest {
  /** Every batch made, and an answer of each item's text with its batch number. */
  private final List<List<String>> batches = new ArrayList<>();

  private Future<List<String>> echo(List<String> items) {
    batches.add(List.copyOf(items));
    int batch = batches.size();
    return Future.succeededFuture(items.stream().map(i -> i + "@" + batch).toList());
  }

  /** Adds {@code items} in one turn of an event loop and waits for every reply. */
  private static List<Future<String>> inOneTurn(Vertx vertx, TurnBatcher<String, String> batcher, List<String> items) {
    Promise<List<Future<String>>> added = Promise.promise();
    vertx.runOnContext(v -> added.complete(items.stream().map(batcher::add).toList()));
    List<Future<String>> replies = added.future().await();
    Future.join(replies).otherwiseEmpty().await();
    return replies;
  }

  @Test
  @DisplayName("Calls made in one turn go out as one batch, in order, and each gets the reply at its position")
  void oneTurn(Vertx vertx) {
    TurnBatcher<String, String> batcher = new TurnBatcher<>(10, this::echo);

    List<Future<String>> replies = inOneTurn(vertx, batcher, List.of("a", "b", "c"));

    assertThat(batches).containsExactly(List.of("a", "b", "c"));
    assertThat(replies).extracting(Future::result).containsExactly("a@1", "b@1", "c@1");
  }

  @Test
  @DisplayName("A turn larger than a batch makes several, in order; the next turn makes its own")
  void largeTurnAndNextTurn(Vertx vertx) {
    TurnBatcher<String, String> batcher = new TurnBatcher<>(2, this::echo);

    List<Future<String>> first = inOneTurn(vertx, batcher, List.of("a", "b", "c", "d", "e"));
    List<Future<String>> second = inOneTurn(vertx, batcher, List.of("f"));

    assertThat(batches).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"), List.of("f"));
    assertThat(first).extracting(Future::result).containsExactly("a@1", "b@1", "c@2", "d@2", "e@3");
    assertThat(second).extracting(Future::result).containsExactly("f@4");
  }

  @Test
  @DisplayName("A call from outside any event loop is made at once, on its own")
  void outsideAContext() {
    TurnBatcher<String, String> batcher = new TurnBatcher<>(10, this::echo);

    assertThat(batcher.add("a").await()).isEqualTo("a@1");
    assertThat(batcher.add("b").await()).isEqualTo("b@2");
  }

  @Test
  @DisplayName("A failed batch fails each of its calls; a short answer fails the calls it has no reply for")
  void failures(Vertx vertx) {
    Function<List<String>, Future<List<String>>> failing = items -> Future.failedFuture(new IllegalStateException("down"));
    List<Future<String>> failed = inOneTurn(vertx, new TurnBatcher<>(10, failing), List.of("a", "b"));
    Function<List<String>, Future<List<String>>> thrown = items -> {
      throw new IllegalArgumentException("refused");
    };
    List<Future<String>> threw = inOneTurn(vertx, new TurnBatcher<>(10, thrown), List.of("a"));
    Function<List<String>, Future<List<String>>> shortAnswer = items -> Future.succeededFuture(List.of("only one"));
    List<Future<String>> cut = inOneTurn(vertx, new TurnBatcher<>(10, shortAnswer), List.of("a", "b"));

    assertThat(failed).allSatisfy(f -> assertThat(f.cause()).hasMessage("down"));
    assertThat(threw.get(0).cause()).hasMessage("refused");
    assertThat(cut.get(0).result()).isEqualTo("only one");
    assertThat(cut.get(1).cause()).hasMessageContaining("1 replies for 2 items");
  }
}
