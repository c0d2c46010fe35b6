package peerprep.common.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceMainTest {
  private static final String KEY = "COLLAB_INSTANCES";

  private static int instances(Object value) {
    return ServiceMain.instances(new Settings(new JsonObject().put(KEY, value)), KEY);
  }

  @Test
  @DisplayName("The instance count is one per core when unset or blank, and what the variable says otherwise")
  void counts() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(ServiceMain.instances(new Settings(new JsonObject()), KEY)).isEqualTo(Math.min(cores, ServiceMain.MAX_INSTANCES));
    assertThat(instances(" ")).isEqualTo(ServiceMain.cores());
    assertThat(instances("4")).isEqualTo(4);
    assertThat(instances(ServiceMain.MAX_INSTANCES)).isEqualTo(ServiceMain.MAX_INSTANCES);
  }

  @Test
  @DisplayName("Zero, too many or not a number stops start-up with a message naming the variable and the value")
  void refused() {
    assertThatThrownBy(() -> instances("0")).isInstanceOf(ConfigException.class)
      .hasMessageContaining(KEY).hasMessageContaining("from 1 to " + ServiceMain.MAX_INSTANCES).hasMessageContaining("got 0");
    assertThatThrownBy(() -> instances(String.valueOf(ServiceMain.MAX_INSTANCES + 1))).isInstanceOf(ConfigException.class)
      .hasMessageContaining(KEY);
    assertThatThrownBy(() -> instances("two")).isInstanceOf(ConfigException.class)
      .hasMessageContaining(KEY).hasMessageContaining("'two'");
  }
}
