package peerprep.common.testing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatenciesTest {
  @Test
  @DisplayName("Below the bound, percentiles are exact by nearest rank")
  void exactBelowTheBound() {
    Latencies l = new Latencies();
    for (int i = 100; i >= 1; i--) {
      l.record(i * 1_000_000L);
    }
    assertThat(l.percentile(50)).isEqualTo(50.0);
    assertThat(l.percentile(99)).isEqualTo(99.0);
    assertThat(l.percentile(100)).isEqualTo(100.0);
    assertThat(l.count()).isEqualTo(100);
    assertThat(new Latencies().percentile(50)).isNaN();
  }

  @Test
  @DisplayName("Millions of operations from several threads are all counted while the kept latencies stay bounded and spread evenly")
  void boundedAndCounted() {
    Latencies a = new Latencies();
    Latencies b = new Latencies();
    int n = 3 * Latencies.MAX_SAMPLES;
    for (int i = 1; i <= n; i++) {
      a.record(i * 1_000L);
      b.record(i * 1_000L);
    }
    b.error();
    Latencies total = new Latencies();
    total.addAll(a);
    total.addAll(b);
    assertThat(total.count()).isEqualTo(2L * n);
    assertThat(total.errors()).isEqualTo(1);
    assertThat(total.percentile(50)).isCloseTo(n * 0.5 / 1_000, within(n * 0.05 / 1_000));
    assertThat(total.summary("verify", 1.0)).contains(" " + (2L * n) + " ops").contains("errors 1");
  }
}
