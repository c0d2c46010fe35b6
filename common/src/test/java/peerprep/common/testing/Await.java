package peerprep.common.testing;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future from a test's thread (never an event loop), failing the test when nothing happens in time. */
public final class Await {
  /** How long a test waits for any one answer. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  private Await() {
  }

  /** The future's result; its failure is thrown as it is, a timeout as an {@link AssertionError}. */
  public static <T> T of(Future<T> future) {
    return of(future, WAIT);
  }

  public static <T> T of(Future<T> future, Duration wait) {
    try {
      return future.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Nothing happened within " + wait.toSeconds() + " s", e);
    }
  }
}
