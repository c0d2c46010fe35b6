package peerprep.common.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the calls made during one turn of an event loop and makes them as one. The first call of a
 * turn schedules a flush on the same context; it runs once the loop has handled that turn's I/O, so the
 * calls of every socket read in the turn go out together, in the order they were made. At most
 * {@code max} items go in one batch; a larger turn makes several batches, in order.
 *
 * <p>Each item's future gets the reply at its position in the batch's answer; when the batch fails, or
 * answers fewer replies than items, the items without a reply fail. A call from outside any Vert.x
 * context is made on its own at once. An instance belongs to one event loop (the verticle that owns it)
 * and is not thread-safe.
 *
 * @param <T> what one call carries
 * @param <R> one call's reply
 */
public final class TurnBatcher<T, R> {
  private final int max;
  private final Function<List<T>, Future<List<R>>> call;
  private List<Pending<T, R>> pending = new ArrayList<>();

  /**
   * @param max  the most items one batch carries
   * @param call makes one batch and answers one reply per item, in the items' order
   */
  public TurnBatcher(int max, Function<List<T>, Future<List<R>>> call) {
    if (max < 1) {
      throw new IllegalArgumentException("A batch carries at least one item");
    }
    this.max = max;
    this.call = call;
  }

  /** Adds one call to this turn's batch; completes with its reply. */
  public Future<R> add(T item) {
    Promise<R> promise = Promise.promise();
    Context context = Vertx.currentContext();
    if (context == null) {
      make(List.of(new Pending<>(item, promise)));
      return promise.future();
    }
    pending.add(new Pending<>(item, promise));
    if (pending.size() == 1) {
      context.runOnContext(v -> flush());
    }
    return promise.future();
  }

  private void flush() {
    List<Pending<T, R>> turn = pending;
    pending = new ArrayList<>();
    for (int from = 0; from < turn.size(); from += max) {
      make(turn.subList(from, Math.min(turn.size(), from + max)));
    }
  }

  private void make(List<Pending<T, R>> batch) {
    List<T> items = new ArrayList<>(batch.size());
    batch.forEach(p -> items.add(p.item()));
    Future<List<R>> answer;
    try {
      answer = call.apply(items);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      for (int i = 0; i < batch.size(); i++) {
        Promise<R> promise = batch.get(i).promise();
        if (ar.failed()) {
          promise.fail(ar.cause());
        } else if (i < ar.result().size()) {
          promise.complete(ar.result().get(i));
        } else {
          promise.fail(new IllegalStateException("The batch answered " + ar.result().size() + " replies for "
            + batch.size() + " items"));
        }
      }
    });
  }

  private record Pending<T, R>(T item, Promise<R> promise) {
  }
}
