package peerprep.chat;

import java.util.Arrays;

/** Collected latencies in nanoseconds, from any thread; percentiles in milliseconds. */
final class Latencies {
  private long[] values = new long[1 << 16];
  private int size;

  synchronized void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized double percentile(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
    return sorted[index] / 1e6;
  }
}
