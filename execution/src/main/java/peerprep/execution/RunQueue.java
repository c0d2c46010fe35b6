package peerprep.execution;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import peerprep.common.http.ApiException;
import peerprep.execution.sandbox.LanguageRuntime;
import peerprep.execution.sandbox.RunResult;
import peerprep.execution.sandbox.Sandbox;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded queue of one task: at most {@code parallel} runs at once on worker threads (never the event
 * loop), at most {@code waiting} more waiting; beyond that a run is refused with 429 and a Retry-After.
 */
final class RunQueue {
  private final Sandbox sandbox;
  private final WorkerExecutor workers;
  private final BlockingQueue<Integer> slots = new LinkedBlockingQueue<>();
  private final int parallel;
  private final int capacity;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong averageMs = new AtomicLong(1000);

  RunQueue(Vertx vertx, Sandbox sandbox, int parallel, int waiting) {
    this.sandbox = sandbox;
    this.parallel = parallel;
    this.capacity = parallel + waiting;
    long longest = sandbox.settings().compileLimits().wallMs() + sandbox.settings().limits().wallMs() + 60_000;
    this.workers = vertx.createSharedWorkerExecutor("execution-runs", parallel, longest, TimeUnit.MILLISECONDS);
    for (int slot = 0; slot < parallel; slot++) {
      slots.add(slot);
    }
  }

  /** The run's result with how long it waited, or a 429 when the queue is full. */
  Future<Queued> submit(LanguageRuntime language, String code, String stdin) {
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      return Future.failedFuture(ApiException.tooManyRequests("This server is busy with " + capacity
        + " runs; try again shortly.", retryAfterSeconds()));
    }
    long queuedAt = System.nanoTime();
    return workers.<Queued>executeBlocking(() -> {
      long waited = (System.nanoTime() - queuedAt) / 1_000_000;
      int slot = slots.take();
      running.incrementAndGet();
      long started = System.nanoTime();
      try {
        return new Queued(sandbox.run(language, code, stdin, slot), waited);
      } finally {
        running.decrementAndGet();
        slots.add(slot);
        long took = (System.nanoTime() - started) / 1_000_000;
        averageMs.updateAndGet(avg -> (avg * 7 + took) / 8);
      }
    }, false).andThen(ar -> admitted.decrementAndGet());
  }

  /** A guess at when a place frees up: the waiting runs shared out over the parallel ones. */
  long retryAfterSeconds() {
    long waitingRounds = Math.max(1, (admitted.get() - parallel) / parallel + 1);
    return Math.max(1, Math.min(60, (averageMs.get() * waitingRounds + 999) / 1000));
  }

  int running() {
    return running.get();
  }

  int waiting() {
    return Math.max(0, admitted.get() - running.get());
  }

  Future<Void> close() {
    return workers.close();
  }

  record Queued(RunResult result, long queuedMs) {
  }
}
