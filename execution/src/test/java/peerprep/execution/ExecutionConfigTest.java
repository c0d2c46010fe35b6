package peerprep.execution;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.execution.sandbox.SandboxMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionConfigTest {
  @Test
  @DisplayName("The defaults: bubblewrap, 5 s of CPU, 10 s of wall time, 256 MiB, 64 processes, 64 KiB of output")
  void defaults() {
    ExecutionConfig c = ExecutionConfig.from(new Settings(new JsonObject().put("EXECUTION_RUNS_DIR", System.getProperty("java.io.tmpdir") + "/cfg-test-runs")));
    assertThat(c.sandbox().mode()).isEqualTo(SandboxMode.BWRAP);
    assertThat(c.sandbox().limits().cpuSeconds()).isEqualTo(5);
    assertThat(c.sandbox().limits().wallMs()).isEqualTo(10_000);
    assertThat(c.sandbox().limits().memoryMb()).isEqualTo(256);
    assertThat(c.sandbox().limits().processes()).isEqualTo(64);
    assertThat(c.sandbox().limits().outputBytes()).isEqualTo(64 * 1024);
  }

  @Test
  @DisplayName("An unknown sandbox mode stops the service with a message naming the variable")
  void badMode() {
    assertThatThrownBy(() -> ExecutionConfig.from(new Settings(new JsonObject().put("EXECUTION_SANDBOX", "docker"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("EXECUTION_SANDBOX must be bwrap or rlimits");
  }

  @Test
  @DisplayName("A limit out of its range stops the service with a message naming the variable")
  void badLimit() {
    assertThatThrownBy(() -> ExecutionConfig.from(new Settings(new JsonObject().put("EXECUTION_CPU_SECONDS", 0))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("EXECUTION_CPU_SECONDS");
  }
}
