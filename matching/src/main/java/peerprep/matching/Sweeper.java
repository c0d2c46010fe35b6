package peerprep.matching;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on every task: keeps the task marked alive, then claims the queue's due work (timeouts,
 * relaxations, retries, ghosts, and match jobs whose lease ran out) and runs the match jobs it got.
 */
final class Sweeper {
  static final int BATCH = 64;
  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
  private static final long PING_EVERY_MS = 25_000;
  private final Vertx vertx;
  private final MatchQueue queue;
  private final Matchmaker matchmaker;
  private final SocketHub hub;
  private final long intervalMs;
  private long timer = -1;
  private long pinger = -1;
  private boolean sweeping;

  Sweeper(Vertx vertx, MatchQueue queue, Matchmaker matchmaker, SocketHub hub, long intervalMs) {
    this.vertx = vertx;
    this.queue = queue;
    this.matchmaker = matchmaker;
    this.hub = hub;
    this.intervalMs = intervalMs;
  }

  void start() {
    timer = vertx.setPeriodic(intervalMs, id -> sweep());
    // idle sockets would be cut by proxies (the ALB closes them after 60 s without traffic)
    pinger = vertx.setPeriodic(PING_EVERY_MS, id -> hub.sockets().forEach(MatchSocket::ping));
  }

  void stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(pinger);
  }

  private void sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    queue.heartbeat()
      .compose(v -> queue.sweep(BATCH))
      .onSuccess(jobs -> jobs.forEach(matchmaker::run))
      .onFailure(e -> LOG.warn("Sweep failed: {}", e.getMessage()))
      .onComplete(ar -> sweeping = false);
  }
}
