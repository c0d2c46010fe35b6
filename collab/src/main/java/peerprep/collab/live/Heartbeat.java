package peerprep.collab.live;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.collab.session.PresenceRepository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes this task's connections and sessions in Redis. A connection missing from Redis was swept as
 * stale (its heartbeats came late, e.g. after a long pause): it is registered again rather than left as a
 * ghost that counts as away, unless its socket closed since the beat began.
 */
public final class Heartbeat {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
  private final SessionHub hub;
  private final PresenceRepository presence;
  private boolean running;

  public Heartbeat(SessionHub hub, PresenceRepository presence) {
    this.hub = hub;
    this.presence = presence;
  }

  /** One beat; completes when its refresh and any re-registration are done (at once when skipped). */
  public Future<Void> beat() {
    if (running || hub.size() == 0) {
      return Future.succeededFuture();
    }
    running = true;
    Map<String, CollabSocket> byMember = new HashMap<>();
    hub.sockets().forEach(s -> byMember.put(s.connection().member(), s));
    return presence.touch(byMember.keySet(), hub.matchIds())
      .compose(lost -> rejoin(lost, byMember))
      .onFailure(e -> LOG.warn("Heartbeat failed: {}", e.getMessage()))
      .onComplete(ar -> running = false)
      .otherwiseEmpty();
  }

  /** Registers again the lost connections of sockets still open; {@link CollabSocket#registerAgain} handles a close meanwhile. */
  private Future<Void> rejoin(List<String> lost, Map<String, CollabSocket> byMember) {
    return Future.all(lost.stream().map(byMember::get).filter(s -> s != null)
      .map(CollabSocket::registerAgain).toList()).mapEmpty();
  }
}
