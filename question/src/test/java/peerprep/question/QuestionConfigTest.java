package peerprep.question;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuestionConfigTest {
  private static JsonObject minimal() {
    return new JsonObject().put("DB_HOST", "db").put("DB_USER", "question").put("SECRET_INTERNAL_TOKEN", "s3cret");
  }

  @Test
  @DisplayName("Defaults: port 8000, database question_db, 2 MiB images, the bank on from classpath 'bank'")
  void defaults() {
    QuestionConfig cfg = QuestionConfig.from(new Settings(minimal()));
    assertThat(cfg.port()).isEqualTo(8000);
    assertThat(cfg.db().database()).isEqualTo("question_db");
    assertThat(cfg.imageMaxBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(cfg.bodyLimit()).isGreaterThan(cfg.imageMaxBytes());
    assertThat(cfg.bankEnabled()).isTrue();
    assertThat(cfg.bankRoot()).isEqualTo("bank");
    assertThat(cfg.toString()).doesNotContain("s3cret");
  }

  @Test
  @DisplayName("A missing service credential or a malformed setting stops the start with the variable's name")
  void invalid() {
    JsonObject noSecret = minimal();
    noSecret.remove("SECRET_INTERNAL_TOKEN");
    assertThatThrownBy(() -> QuestionConfig.from(new Settings(noSecret)))
      .isInstanceOf(ConfigException.class).hasMessageContaining("SECRET_INTERNAL_TOKEN");
    assertThatThrownBy(() -> QuestionConfig.from(new Settings(minimal().put("IMAGE_MAX_BYTES", "0"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("IMAGE_MAX_BYTES");
    assertThatThrownBy(() -> QuestionConfig.from(new Settings(minimal().put("QUESTION_BANK_ENABLED", "maybe"))))
      .isInstanceOf(ConfigException.class).hasMessageContaining("QUESTION_BANK_ENABLED");
  }
}
