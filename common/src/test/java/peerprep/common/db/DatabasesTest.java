package peerprep.common.db;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.common.testing.TestEnv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class DatabasesTest {

  @Test
  @DisplayName("Migrations apply once; a second run applies nothing and the schema is usable")
  void migrate(Vertx vertx) {
    DbSettings db = DbSettings.from(new Settings(TestEnv.config("migrate_db")), "x");
    assertThat(Databases.migrate(vertx, db, "commontest").await()).isEqualTo(1);
    assertThat(Databases.migrate(vertx, db, "commontest").await()).isEqualTo(0);
    var pool = Databases.pool(vertx, db);
    var rows = pool.query("INSERT INTO notes(body) VALUES ('hi') RETURNING id").execute().await();
    assertThat(rows.iterator().next().getLong("id")).isPositive();
    pool.close().await();
  }

  @Test
  @DisplayName("DATABASE_URL is read with its user, password, host, port and database")
  void databaseUrl() {
    DbSettings db = DbSettings.from(new Settings(new JsonObject()
      .put("DATABASE_URL", "postgresql://app:pw@db.example:6543/question_db")), "fallback");
    assertThat(db).isEqualTo(new DbSettings("db.example", 6543, "question_db", "app", "pw", 8));
    assertThat(db.toString()).doesNotContain("pw");
  }

  @Test
  @DisplayName("DB_SSL_MODE=require encrypts the pool and the migrations; an unknown mode names the variable")
  void sslMode() {
    DbSettings db = DbSettings.from(new Settings(new JsonObject().put("DB_HOST", "rds.example").put("DB_USER", "app")
      .put("DB_SSL_MODE", "require")), "user_db");
    assertThat(db.connectOptions().getSslMode()).isEqualTo(io.vertx.pgclient.SslMode.REQUIRE);
    assertThat(db.jdbcUrl()).endsWith("/user_db?sslmode=require");
    assertThatThrownBy(() -> DbSettings.from(new Settings(new JsonObject().put("DB_HOST", "h").put("DB_USER", "u")
      .put("DB_SSL_MODE", "sometimes")), "x")).isInstanceOf(ConfigException.class).hasMessageContaining("DB_SSL_MODE");
  }

  @Test
  @DisplayName("Without DATABASE_URL or DB_HOST, start-up stops with a message naming DB_HOST")
  void missingHost() {
    assertThatThrownBy(() -> DbSettings.from(new Settings(new JsonObject()), "x"))
      .isInstanceOf(ConfigException.class).hasMessageContaining("DB_HOST");
  }
}
