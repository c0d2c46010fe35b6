package peerprep.matching.queue;

/** What became of a cancel. */
public sealed interface Cancellation {
  /** The waiting request left the queue. */
  record Cancelled(String requestId) implements Cancellation {
  }

  /** The user had no active request. */
  record NothingWaiting() implements Cancellation {
  }

  /** The request already has a partner whose session is being prepared: it can no longer be cancelled. */
  record Busy(String requestId) implements Cancellation {
  }
}
