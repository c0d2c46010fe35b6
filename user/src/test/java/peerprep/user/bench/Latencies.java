package peerprep.user.bench;

import java.util.Arrays;

/** Latencies of one measured phase, in nanoseconds, and the numbers a benchmark prints about them. */
final class Latencies {
  private long[] samples = new long[1024];
  private int count;
  private int errors;

  synchronized void add(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  synchronized void error() {
    errors++;
  }

  synchronized void addAll(Latencies other) {
    for (int i = 0; i < other.count; i++) {
      add(other.samples[i]);
    }
    errors += other.errors;
  }

  synchronized String summary(String what, double seconds) {
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return String.format("%-32s %8d ops in %5.1f s = %9.1f ops/s   p50 %8.2f ms   p99 %8.2f ms   errors %d",
      what, count, seconds, count / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors);
  }

  synchronized String percentiles(String what) {
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return String.format("%-32s p50 %8.2f ms   max %8.2f ms", what, percentile(sorted, 0.50), percentile(sorted, 1.0));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1_000_000.0;
  }
}
