package peerprep.common.testing;

import java.util.Arrays;

/**
 * The latencies of one measured phase of a benchmark, in nanoseconds, from any thread, and the numbers it
 * prints about them. Every operation is counted; at most {@link #MAX_SAMPLES} latencies are kept, evenly
 * spread over the phase (past that, every second one is dropped and from then on every second one
 * recorded), so a phase of millions of operations fits in memory. Below that bound the percentiles are
 * exact (nearest rank).
 */
public final class Latencies {
  /** The most latencies kept. */
  public static final int MAX_SAMPLES = 1 << 20;
  private long[] samples = new long[1024];
  private int kept;
  private long operations;
  private long stride = 1;
  private int errors;

  /** Counts one operation that took {@code nanos}. */
  public synchronized void record(long nanos) {
    operations++;
    if ((operations - 1) % stride != 0) {
      return;
    }
    if (kept == MAX_SAMPLES) {
      halve();
      if ((operations - 1) % stride != 0) {
        return;
      }
    }
    if (kept == samples.length) {
      samples = Arrays.copyOf(samples, kept * 2);
    }
    samples[kept++] = nanos;
  }

  /** Counts one operation that failed (its latency is not recorded). */
  public synchronized void error() {
    errors++;
  }

  /** Every operation recorded, kept or not. */
  public synchronized long count() {
    return operations;
  }

  public synchronized int errors() {
    return errors;
  }

  /** Adds another thread's phase: all its operations count, its kept latencies join these at the same spacing. */
  public synchronized void addAll(Latencies other) {
    synchronized (other) {
      samples = Arrays.copyOf(samples, Math.max(samples.length, kept + other.kept));
      System.arraycopy(other.samples, 0, samples, kept, other.kept);
      kept += other.kept;
      operations += other.operations;
      stride = Math.max(stride, other.stride);
      errors += other.errors;
    }
    while (kept > MAX_SAMPLES) {
      halve();
    }
  }

  private void halve() {
    for (int i = 0; i < kept / 2; i++) {
      samples[i] = samples[2 * i];
    }
    kept /= 2;
    stride *= 2;
  }

  /** The {@code p}-th percentile (100 is the maximum) in milliseconds; NaN when nothing was recorded. */
  public synchronized double percentile(double p) {
    if (kept == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, kept);
    Arrays.sort(sorted);
    int index = (int) Math.min(kept - 1, Math.max(0, Math.ceil(p / 100.0 * kept) - 1));
    return sorted[index] / 1e6;
  }

  /** One line: operations, rate over {@code seconds}, p50, p99 and errors. */
  public synchronized String summary(String what, double seconds) {
    return String.format("%-32s %8d ops in %5.1f s = %9.1f ops/s   p50 %8.2f ms   p99 %8.2f ms   errors %d",
      what, operations, seconds, operations / seconds, percentile(50), percentile(99), errors);
  }

  /** One line: p50 and the maximum. */
  public synchronized String percentiles(String what) {
    return String.format("%-32s p50 %8.2f ms   max %8.2f ms", what, percentile(50), percentile(100));
  }
}
