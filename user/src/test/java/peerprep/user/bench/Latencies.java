package peerprep.user.bench;

import java.util.Arrays;

/**
 * Latencies of one measured phase, in nanoseconds, and the numbers a benchmark prints about them. Every
 * operation is counted; at most {@value #MAX_SAMPLES} latencies are kept, evenly spread over the phase
 * (past that, every second one is dropped and from then on every second one recorded), so a phase of
 * millions of cached verifications fits in memory.
 */
final class Latencies {
  static final int MAX_SAMPLES = 1 << 20;
  private long[] samples = new long[1024];
  private int count;
  private long operations;
  private long stride = 1;
  private int errors;

  synchronized void add(long nanos) {
    operations++;
    keep(nanos);
  }

  private void keep(long nanos) {
    if ((operations - 1) % stride != 0) {
      return;
    }
    if (count == MAX_SAMPLES) {
      for (int i = 0; i < count / 2; i++) {
        samples[i] = samples[2 * i];
      }
      count /= 2;
      stride *= 2;
      if ((operations - 1) % stride != 0) {
        return;
      }
    }
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  synchronized void error() {
    errors++;
  }

  /** Adds another thread's phase (kept at the same spacing): all its operations count, its kept latencies join these. */
  synchronized void addAll(Latencies other) {
    samples = Arrays.copyOf(samples, Math.max(samples.length, count + other.count));
    System.arraycopy(other.samples, 0, samples, count, other.count);
    count += other.count;
    operations += other.operations;
    stride = Math.max(stride, other.stride);
    while (count > MAX_SAMPLES) {
      for (int i = 0; i < count / 2; i++) {
        samples[i] = samples[2 * i];
      }
      count /= 2;
      stride *= 2;
    }
    errors += other.errors;
  }

  synchronized String summary(String what, double seconds) {
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return String.format("%-32s %8d ops in %5.1f s = %9.1f ops/s   p50 %8.2f ms   p99 %8.2f ms   errors %d",
      what, operations, seconds, operations / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors);
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
