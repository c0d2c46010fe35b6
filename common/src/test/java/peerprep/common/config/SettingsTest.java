package peerprep.common.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class SettingsTest {

  @Test
  @DisplayName("A missing required value names the environment variable to set")
  void missing() {
    Settings s = new Settings(new JsonObject());
    assertThatThrownBy(() -> s.string("SECRET_JWT_PRIVATE_KEY"))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("SECRET_JWT_PRIVATE_KEY");
  }

  @Test
  @DisplayName("A malformed number, port, flag or URL names the variable and the bad value")
  void malformed() {
    Settings s = new Settings(new JsonObject().put("PORT", "eighty").put("DB_PORT", 70000)
      .put("FLAG", "maybe").put("REDIS_URL", "not a url").put("WAIT", "-5"));
    assertThatThrownBy(() -> s.port("PORT", 8000)).hasMessageContaining("PORT").hasMessageContaining("eighty");
    assertThatThrownBy(() -> s.port("DB_PORT", 5432)).hasMessageContaining("DB_PORT").hasMessageContaining("70000");
    assertThatThrownBy(() -> s.bool("FLAG", false)).hasMessageContaining("FLAG");
    assertThatThrownBy(() -> s.uri("REDIS_URL")).hasMessageContaining("REDIS_URL");
    assertThatThrownBy(() -> s.millis("WAIT", 1)).hasMessageContaining("WAIT");
  }

  @Test
  @DisplayName("Values given as strings, as environment variables are, are read with their types")
  void typed() {
    Settings s = new Settings(new JsonObject().put("PORT", "8001").put("ON", "true").put("URL", "redis://localhost:6379"));
    assertThat(s.port("PORT", 8000)).isEqualTo(8001);
    assertThat(s.bool("ON", false)).isTrue();
    assertThat(s.uri("URL").getPort()).isEqualTo(6379);
    assertThat(s.integer("ABSENT", 7)).isEqualTo(7);
  }

  @Test
  @DisplayName("A PEM secret may be given as text with escaped newlines or as base64, and anything else is refused")
  void pem() {
    String pem = "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n";
    String b64 = java.util.Base64.getEncoder().encodeToString(pem.getBytes());
    assertThat(new Settings(new JsonObject().put("K", pem.replace("\n", "\\n"))).pem("K")).isEqualTo(pem);
    assertThat(new Settings(new JsonObject().put("K", b64)).pem("K")).isEqualTo(pem);
    assertThatThrownBy(() -> new Settings(new JsonObject().put("K", "hunter2")).pem("K")).hasMessageContaining("K");
  }

  @Test
  @DisplayName("The deployment config overrides the defaults packaged in the jar")
  void layering(Vertx vertx) {
    Settings s = ConfigLoader.load(vertx, "commontest", new JsonObject().put("PORT", 9123))
      .toCompletionStage().toCompletableFuture().join();
    assertThat(s.port("PORT", 0)).isEqualTo(9123);
    assertThat(s.string("GREETING")).isEqualTo("from-defaults");
  }
}
