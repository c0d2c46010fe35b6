package peerprep.matching.live;

/** How many frames one socket sent in the current window; a socket may send {@link #MAX} per window. */
public final class FrameRate {
  public static final int MAX = 20;
  static final long WINDOW_MS = 10_000;
  private long windowStart;
  private int count;

  /** Counts a frame; true when it is one too many for the window. */
  boolean exceeded(long now) {
    if (now - windowStart >= WINDOW_MS) {
      windowStart = now;
      count = 0;
    }
    return ++count > MAX;
  }

  static String detail() {
    return "At most " + MAX + " frames per " + WINDOW_MS / 1000 + " seconds are accepted; this one was ignored.";
  }
}
