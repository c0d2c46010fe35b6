package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.matching.live.SocketHub;
import peerprep.matching.making.Matchmaker;
import peerprep.matching.queue.MatchQueue;

/**
 * Runs on every task: keeps the task marked alive, then claims the queue's due work (timeouts,
 * relaxations, retries, ghosts, and match jobs whose lease ran out) and runs the match jobs it got, then
 * tells sockets whose request the queue no longer has (Redis lost its data) that it was lost.
 */
final class Sweeper {
  static final int BATCH = 64;
  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
  private final Vertx vertx;
  private final MatchQueue queue;
  private final Matchmaker matchmaker;
  private final SocketHub hub;
  private final long intervalMs;
  private long timer = -1;
  private boolean sweeping;
  private Future<Void> last = Future.succeededFuture();

  Sweeper(Vertx vertx, MatchQueue queue, Matchmaker matchmaker, SocketHub hub, long intervalMs) {
    this.vertx = vertx;
    this.queue = queue;
    this.matchmaker = matchmaker;
    this.hub = hub;
    this.intervalMs = intervalMs;
  }

  void start() {
    timer = vertx.setPeriodic(intervalMs, id -> {
      if (!sweeping) {
        sweep();
      }
    });
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** Sweeps once more after any sweep under way; completes when that sweep is over (it never fails). */
  Future<Void> sweep() {
    sweeping = true;
    last = last.transform(ar -> queue.heartbeat()
      .compose(v -> queue.sweep(BATCH))
      .onSuccess(jobs -> jobs.forEach(matchmaker::run))
      .compose(jobs -> queue.missing(hub.confirmedRequests()))
      .onSuccess(lost -> lost.forEach(hub::lost))
      .onFailure(e -> LOG.warn("Sweep failed: {}", e.getMessage()))
      .<Void>mapEmpty()
      .otherwiseEmpty());
    Future<Void> mine = last;
    return mine.onComplete(ar -> {
      if (last == mine) {
        sweeping = false;
      }
    });
  }
}
