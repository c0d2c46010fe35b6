package peerprep.matching;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.matching.queue.MatchRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchRulesTest {

  @Test
  @DisplayName("Without MATCH_* settings the rules are the documented defaults")
  void defaults() {
    MatchRules rules = MatchRules.from(new Settings(new JsonObject()));
    assertThat(rules).isEqualTo(new MatchRules(20_000, 60_000, 5_000, 1_000, 2_000, 15_000, 120_000, 3_000));
    assertThat(rules.taskTtlMs()).isEqualTo(3_000);
  }

  @Test
  @DisplayName("A job lease that is not longer than three peer timeouts is refused, naming the variable")
  void leaseMustOutlastPeerCalls() {
    Settings s = new Settings(new JsonObject().put("MATCH_PEER_TIMEOUT_MS", 5_000).put("MATCH_JOB_LEASE_MS", 15_000));
    assertThatThrownBy(() -> MatchRules.from(s)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("MATCH_JOB_LEASE_MS");
  }

  @Test
  @DisplayName("A malformed or out-of-range timing is refused with a message that names it")
  void malformedTimings() {
    assertThatThrownBy(() -> MatchRules.from(new Settings(new JsonObject().put("MATCH_TIMEOUT_MS", "soon"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("MATCH_TIMEOUT_MS");
    assertThatThrownBy(() -> MatchRules.from(new Settings(new JsonObject().put("MATCH_SWEEP_INTERVAL_MS", 0))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("MATCH_SWEEP_INTERVAL_MS");
  }
}
