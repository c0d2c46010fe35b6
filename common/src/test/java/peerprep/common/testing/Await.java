package peerprep.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits for a future from a test's thread (never an event loop), failing the test when nothing happens in time. */
public final class Await {
  /** How long a test waits for any one answer. */
  public static final Duration WAIT = Duration.ofSeconds(30);
  private static final long POLL_MS = 50;

  private Await() {
  }

  /** The future's result; its failure is thrown as it is, a timeout as an {@link AssertionError}. */
  public static <T> T of(Future<T> future) {
    return of(future, WAIT);
  }

  /**
   * Waits until {@code condition} holds, checking it every 50 ms on a Vert.x timer, for state (in Redis, in
   * a database) that no event announces; fails the test after {@link #WAIT}.
   */
  public static void until(Vertx vertx, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The condition did not hold within " + WAIT.toSeconds() + " s");
      }
      of(vertx.timer(POLL_MS));
    }
  }

  public static <T> T of(Future<T> future, Duration wait) {
    try {
      return future.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Nothing happened within " + wait.toSeconds() + " s", e);
    }
  }
}
