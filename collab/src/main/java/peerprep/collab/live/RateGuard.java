package peerprep.collab.live;

/**
 * A socket's message budget: a token bucket of {@code perSecond} messages a second (bursts of as many).
 * A message over budget is dropped; the first drop in a second is reported, and a client that keeps
 * sending at twice the rate within one second is disconnected.
 */
final class RateGuard {
  enum Verdict { ALLOW, WARN, DROP, CLOSE }

  private final int perSecond;
  private final double perNano;
  private double tokens;
  private long last = System.nanoTime();
  private long windowStart;
  private int windowDrops;

  RateGuard(int perSecond) {
    this.perSecond = perSecond;
    this.perNano = perSecond / 1e9;
    this.tokens = perSecond;
  }

  Verdict check() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ALLOW;
    }
    if (now - windowStart >= 1_000_000_000L) {
      windowStart = now;
      windowDrops = 0;
    }
    windowDrops++;
    if (windowDrops > perSecond) {
      return Verdict.CLOSE;
    }
    return windowDrops == 1 ? Verdict.WARN : Verdict.DROP;
  }
}
