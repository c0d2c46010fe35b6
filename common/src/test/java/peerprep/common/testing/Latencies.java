package peerprep.common.testing;

import java.util.Arrays;

/** Every latency a benchmark collected, in nanoseconds, from any thread; exact nearest-rank percentiles in ms. */
public final class Latencies {
  private long[] values = new long[1 << 16];
  private int size;

  public synchronized void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  public synchronized int count() {
    return size;
  }

  /** The {@code p}-th percentile (100 is the maximum) in milliseconds; NaN when nothing was recorded. */
  public synchronized double percentile(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
    return sorted[index] / 1e6;
  }
}
