package peerprep.collab.live;

/** Allows {@code perSecond} messages a second on average, with bursts of as many. */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  TokenBucket(int perSecond) {
    this.capacity = perSecond;
    this.perNano = perSecond / 1e9;
    this.tokens = perSecond;
    this.last = System.nanoTime();
  }

  boolean take() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
