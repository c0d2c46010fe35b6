package peerprep.history;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryConfigTest {
  private static JsonObject base() {
    return new JsonObject().put("DB_HOST", "db").put("DB_USER", "history").put("SECRET_INTERNAL_TOKEN", "s3cret");
  }

  @Test
  @DisplayName("Without overrides the limits are 100 000 characters of code and 20 000 edits on history_db")
  void defaults() {
    HistoryConfig cfg = HistoryConfig.from(new Settings(base()));
    assertThat(cfg.limits()).isEqualTo(new Limits(100_000, 20_000, 2_000, 2_000));
    assertThat(cfg.db().database()).isEqualTo("history_db");
    assertThat(cfg.port()).isEqualTo(8000);
    assertThat(cfg.internalToken()).isEqualTo("s3cret");
  }

  @Test
  @DisplayName("HISTORY_MAX_CODE_CHARS and HISTORY_MAX_EDITS override the limits")
  void overrides() {
    HistoryConfig cfg = HistoryConfig.from(new Settings(base().put("HISTORY_MAX_CODE_CHARS", "5000").put("HISTORY_MAX_EDITS", 300)));
    assertThat(cfg.limits().maxCodeChars()).isEqualTo(5000);
    assertThat(cfg.limits().maxEdits()).isEqualTo(300);
  }

  @Test
  @DisplayName("A missing service credential or a non-positive limit stops the service with the variable's name")
  void refusesBadConfig() {
    JsonObject noSecret = base();
    noSecret.remove("SECRET_INTERNAL_TOKEN");
    assertThatThrownBy(() -> HistoryConfig.from(new Settings(noSecret)))
      .isInstanceOf(ConfigException.class).hasMessageContaining("SECRET_INTERNAL_TOKEN");
    assertThatThrownBy(() -> HistoryConfig.from(new Settings(base().put("HISTORY_MAX_EDITS", "0"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("HISTORY_MAX_EDITS");
    assertThatThrownBy(() -> HistoryConfig.from(new Settings(base().put("HISTORY_MAX_CODE_CHARS", "lots"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("HISTORY_MAX_CODE_CHARS");
  }
}
