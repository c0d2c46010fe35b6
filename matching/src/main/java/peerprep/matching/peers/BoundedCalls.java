package peerprep.matching.peers;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Runs at most {@code limit} calls to a peer at once; further calls wait here, in arrival order, instead
 * of all at once in the peer's connection pool, where a burst (hundreds of matches made together) made
 * most of them time out. A call waiting when {@code maxWaiting} others already wait fails at once.
 */
public final class BoundedCalls {
  private final int limit;
  private final int maxWaiting;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;
  private int mostRunning;

  public BoundedCalls(int limit, int maxWaiting) {
    this.limit = limit;
    this.maxWaiting = maxWaiting;
  }

  public synchronized <T> Future<T> submit(Supplier<Future<T>> call) {
    if (running < limit) {
      return start(call);
    }
    if (waiting.size() >= maxWaiting) {
      return Future.failedFuture(new PeerFailure("More than " + maxWaiting + " calls are waiting already.", false));
    }
    Promise<T> result = Promise.promise();
    waiting.add(() -> start(call).onComplete(result));
    return result.future();
  }

  /** The most calls that ran at once so far. */
  public synchronized int mostRunning() {
    return mostRunning;
  }

  private <T> Future<T> start(Supplier<Future<T>> call) {
    running++;
    mostRunning = Math.max(mostRunning, running);
    Future<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    return future.andThen(ar -> finished());
  }

  private void finished() {
    Runnable next;
    synchronized (this) {
      running--;
      next = waiting.poll();
    }
    if (next != null) {
      next.run();
    }
  }
}
