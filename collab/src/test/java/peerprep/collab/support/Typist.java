package peerprep.collab.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Random;
import java.util.function.IntConsumer;

/** Makes {@code count} random edits on a client, one every 1–{@code maxGapMs} ms, like a person typing. */
public final class Typist {
  private Typist() {
  }

  public static Future<Void> type(Vertx vertx, CollabClient client, long seed, int count, int maxGapMs, IntConsumer afterEach) {
    Promise<Void> done = Promise.promise();
    Random random = new Random(seed);
    step(vertx, client, random, count, maxGapMs, afterEach, done);
    return done.future();
  }

  private static void step(Vertx vertx, CollabClient client, Random random, int left, int maxGapMs, IntConsumer afterEach,
                           Promise<Void> done) {
    if (left == 0) {
      done.complete();
      return;
    }
    vertx.setTimer(1 + random.nextInt(maxGapMs), id -> {
      int remaining = client.editRandomly(random) ? left - 1 : left;
      afterEach.accept(remaining);
      step(vertx, client, random, remaining, maxGapMs, afterEach, done);
    });
  }
}
