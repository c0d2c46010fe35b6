package peerprep.question.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends one request shape a bounded number of times with a fixed number in flight, and measures each.
 * Answers may arrive on several threads, so issuing and finishing are serialised.
 */
final class LoadRun {
  private final Supplier<Future<HttpResponse<Buffer>>> request;
  private final int total;
  private final int concurrency;
  private final long deadline;
  private final long[] latencies;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Promise<Result> finished = Promise.promise();
  private long started;

  /** Requests per second, median and 99th percentile latency in milliseconds, and non-200 answers. */
  record Result(int requests, double perSecond, double p50, double p99, int errors) {
  }

  private LoadRun(Supplier<Future<HttpResponse<Buffer>>> request, int total, int concurrency, long maxMillis) {
    this.request = request;
    this.total = total;
    this.concurrency = concurrency;
    this.deadline = System.nanoTime() + maxMillis * 1_000_000;
    this.latencies = new long[total];
  }

  static Future<Result> run(Supplier<Future<HttpResponse<Buffer>>> request, int total, int concurrency, long maxMillis) {
    LoadRun run = new LoadRun(request, total, concurrency, maxMillis);
    run.started = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      run.next();
    }
    return run.finished.future();
  }

  private synchronized void next() {
    if (System.nanoTime() > deadline || issued.get() >= total) {
      if (inFlight.get() == 0) {
        finish();
      }
      return;
    }
    int slot = issued.getAndIncrement();
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    request.get().onComplete(ar -> {
      latencies[slot] = System.nanoTime() - start;
      if (ar.failed() || ar.result().statusCode() != 200) {
        errors.incrementAndGet();
      }
      done.incrementAndGet();
      inFlight.decrementAndGet();
      next();
    });
  }

  private void finish() {
    if (finished.future().isComplete()) {
      return;
    }
    int n = done.get();
    double seconds = (System.nanoTime() - started) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    finished.complete(new Result(n, n / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors.get()));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
