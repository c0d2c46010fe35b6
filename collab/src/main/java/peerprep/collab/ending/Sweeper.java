package peerprep.collab.ending;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.collab.session.PresenceRepository;

/**
 * The periodic work every task does, each item claimed atomically so that tasks never do it twice:
 * connections of dead tasks are removed, participants gone past the grace period are announced as left,
 * sessions nobody returned to are ended as abandoned, and due finalizations are delivered.
 */
public final class Sweeper {
  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
  private final PresenceRepository presence;
  private final Finalizer finalizer;
  private final long staleAfterMs;
  private boolean running;

  public Sweeper(PresenceRepository presence, Finalizer finalizer, long staleAfterMs) {
    this.presence = presence;
    this.finalizer = finalizer;
    this.staleAfterMs = staleAfterMs;
  }

  public void sweep() {
    if (running) {
      return;
    }
    running = true;
    removeStale()
      .compose(v -> presence.sweepLeaving())
      .compose(v -> presence.sweepAway())
      .onSuccess(ended -> ended.forEach(id -> LOG.info("Session {} abandoned", id)))
      .onFailure(e -> LOG.warn("Sweep failed: {}", e.getMessage()))
      .eventually(finalizer::run)
      .onComplete(ar -> running = false);
  }

  private Future<Void> removeStale() {
    return presence.stale(System.currentTimeMillis() - staleAfterMs)
      .compose(stale -> Future.join(stale.stream().map(presence::leave).toList()))
      .mapEmpty();
  }
}
