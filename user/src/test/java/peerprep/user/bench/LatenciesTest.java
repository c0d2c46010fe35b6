package peerprep.user.bench;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {
  @Test
  @DisplayName("Millions of operations are all counted while the kept latencies stay bounded and spread evenly")
  void boundedAndCounted() {
    Latencies a = new Latencies();
    Latencies b = new Latencies();
    int n = 3 * Latencies.MAX_SAMPLES;
    for (int i = 1; i <= n; i++) {
      a.add(i * 1_000L);
      b.add(i * 1_000L);
    }
    Latencies total = new Latencies();
    total.addAll(a);
    total.addAll(b);
    String line = total.summary("verify", 1.0);
    assertThat(line).contains(" " + (2L * n) + " ops");
    double p50 = Double.parseDouble(line.replaceAll(".*p50 +([0-9.]+) ms.*", "$1"));
    assertThat(p50).isBetween(n * 0.45 / 1_000, n * 0.55 / 1_000);
  }
}
