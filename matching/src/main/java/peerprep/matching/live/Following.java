package peerprep.matching.live;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The requests one socket follows (usually one; two while a new request replaces the old), those the
 * queue confirmed, and those whose final frame the socket was already sent.
 */
final class Following {
  private final Set<String> requests = new HashSet<>();
  private final Set<String> ended = new HashSet<>();
  private final Set<String> known = new HashSet<>();

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** True when the request was not followed yet. */
  synchronized boolean add(String requestId) {
    return requests.add(requestId);
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

  /** True when the request was followed. */
  synchronized boolean remove(String requestId) {
    known.remove(requestId);
    return requests.remove(requestId);
  }

  /** The followed requests other than this one. */
  synchronized List<String> others(String requestId) {
    return requests.stream().filter(r -> !r.equals(requestId)).toList();
  }

  /** Whether a frame about the request may still be shown; after a final frame no other is. */
  synchronized boolean admit(String requestId, boolean last) {
    if (ended.contains(requestId)) {
      return false;
    }
    if (last) {
      ended.add(requestId);
    }
    return true;
  }
}
