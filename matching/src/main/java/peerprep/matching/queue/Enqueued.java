package peerprep.matching.queue;

/** What became of a new request. */
public sealed interface Enqueued {
  /** The request waits in its queue. */
  record Queued(RequestView view) implements Enqueued {
  }

  /** A partner was found at once; the match job {@code matchId} makes the session. */
  record Paired(String requestId, String matchId) implements Enqueued {
  }

  /** The user's current request already has a partner whose session is being prepared: it cannot be replaced. */
  record Busy(String requestId) implements Enqueued {
  }
}
