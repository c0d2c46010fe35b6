package peerprep.matching.queue;

/** What became of a cancel. */
public sealed interface Cancellation permits Cancellation.Cancelled, Cancellation.NothingWaiting, Busy {
  /** The waiting request left the queue. */
  record Cancelled(String requestId) implements Cancellation {
  }

  /** The user had no active request. */
  record NothingWaiting() implements Cancellation {
  }
}
