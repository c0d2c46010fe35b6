package peerprep.matching.queue;

/** The user's current request already has a partner and its session is being prepared: it can no longer change. */
public record Busy(String requestId) implements Enqueued, Cancellation {
}
