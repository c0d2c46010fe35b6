package peerprep.common.ws;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeartbeatSettingsTest {

  @Test
  @DisplayName("By default the server pings every 10 s, a socket is gone after 25 s of silence and the close grace is 2 s")
  void defaults() {
    HeartbeatSettings s = HeartbeatSettings.from(new Settings(new JsonObject()));
    assertThat(s).isEqualTo(new HeartbeatSettings(10_000, 25_000, 2_000));
  }

  @Test
  @DisplayName("A deadline over 30 s, or not longer than the ping interval, is refused with a message naming the keys")
  void refusesBadDeadlines() {
    JsonObject tooLong = new JsonObject().put("WS_PONG_DEADLINE_MS", 31_000);
    assertThatThrownBy(() -> HeartbeatSettings.from(new Settings(tooLong)))
      .isInstanceOf(ConfigException.class).hasMessageContaining("WS_PONG_DEADLINE_MS");
    JsonObject shorterThanPing = new JsonObject().put("WS_PING_INTERVAL_MS", 20_000).put("WS_PONG_DEADLINE_MS", 15_000);
    assertThatThrownBy(() -> HeartbeatSettings.from(new Settings(shorterThanPing)))
      .isInstanceOf(ConfigException.class).hasMessageContaining("WS_PING_INTERVAL_MS");
  }
}
