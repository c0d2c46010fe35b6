package peerprep.matching;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The requests one socket follows (usually one; two while a new request replaces the old), kept in step
 * with the hub, and the requests whose final frame the socket was already sent.
 */
final class Following {
  private static final Logger LOG = LoggerFactory.getLogger(Following.class);
  private final MatchSocket socket;
  private final SocketHub hub;
  private final MatchQueue queue;
  private final Set<String> requests = new HashSet<>();
  private final Set<String> ended = new HashSet<>();
  private final Set<String> known = new HashSet<>();

  Following(MatchSocket socket, SocketHub hub, MatchQueue queue) {
    this.socket = socket;
    this.hub = hub;
    this.queue = queue;
  }

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  synchronized void add(String requestId) {
    if (requests.add(requestId)) {
      hub.follow(socket, requestId);
    }
  }

  /** The queue confirmed the request exists; from now on its disappearance means it was lost. */
  synchronized void known(String requestId) {
    if (requests.contains(requestId)) {
      known.add(requestId);
    }
  }

  /** Followed requests the queue confirmed, which must still exist. */
  synchronized List<String> confirmed() {
    return known.stream().filter(requests::contains).toList();
  }

  synchronized void remove(String requestId) {
    known.remove(requestId);
    if (requests.remove(requestId)) {
      hub.unfollow(socket, requestId);
    }
  }

  synchronized void keepOnly(String requestId) {
    for (String other : List.copyOf(requests)) {
      if (!other.equals(requestId)) {
        remove(other);
      }
    }
  }

  /** Whether a frame about the request may still be shown; a final frame ends the following. */
  synchronized boolean admit(String requestId, boolean last) {
    if (ended.contains(requestId)) {
      return false;
    }
    if (last) {
      ended.add(requestId);
      remove(requestId);
    }
    return true;
  }

  /** Tells the queue the socket left; a lost detach would keep the request present, so it is tried twice. */
  void leave(String requestId) {
    queue.detach(requestId, socket.id())
      .recover(e -> queue.detach(requestId, socket.id()))
      .onFailure(e -> LOG.warn("Could not detach a socket: {}", e.getMessage()));
  }

  /** Tells the queue the socket's peer vanished (missed the heartbeat); tried twice like {@link #leave}. */
  void vanish(String requestId) {
    queue.vanish(requestId, socket.id())
      .recover(e -> queue.vanish(requestId, socket.id()))
      .onFailure(e -> LOG.warn("Could not detach a vanished socket: {}", e.getMessage()));
  }
}
