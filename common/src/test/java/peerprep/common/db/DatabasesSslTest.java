package peerprep.common.db;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.Settings;
import peerprep.common.testing.TestCertificates;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL with SSL on and a certificate from a CA of the test's own, as RDS with its CA bundle. */
@ExtendWith(VertxExtension.class)
class DatabasesSslTest {
  private static TestCertificates certs;
  private static EmbeddedPostgres server;

  @BeforeAll
  static void start() throws IOException {
    certs = TestCertificates.create("PeerPrep PostgreSQL test CA", "DNS:localhost");
    server = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
      .setServerConfig("ssl", "on")
      .setServerConfig("ssl_cert_file", certs.cert().toString())
      .setServerConfig("ssl_key_file", certs.key().toString())
      .start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static DbSettings settings(String host, String mode, String rootCert) {
    JsonObject c = new JsonObject().put("DB_HOST", host).put("DB_PORT", server.getPort()).put("DB_USER", "postgres")
      .put("SECRET_DB_PASSWORD", "postgres").put("DB_NAME", "postgres").put("DB_SSL_MODE", mode);
    if (rootCert != null) {
      c.put("DB_SSL_ROOT_CERT", rootCert);
    }
    return DbSettings.from(new Settings(c), "postgres");
  }

  private static boolean encrypted(Vertx vertx, DbSettings db) {
    Pool pool = Databases.pool(vertx, db);
    try {
      return pool.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").execute().await()
        .iterator().next().getBoolean("ssl");
    } finally {
      pool.close().await();
    }
  }

  @Test
  @DisplayName("verify-full with DB_SSL_ROOT_CERT connects over SSL to a server whose certificate the CA signed for its name")
  void verifyFull(Vertx vertx) {
    assertThat(encrypted(vertx, settings("localhost", "verify-full", certs.ca().toString()))).isTrue();
  }

  @Test
  @DisplayName("verify-full refuses a server certificate from a CA outside DB_SSL_ROOT_CERT")
  void verifyFullRefusesOtherCa(Vertx vertx) {
    String other = TestCertificates.create("Another CA", "DNS:localhost").ca().toString();
    assertThatThrownBy(() -> encrypted(vertx, settings("localhost", "verify-full", other)))
      .hasMessageContaining("SSL handshake failed");
  }

  @Test
  @DisplayName("verify-full refuses a certificate that does not name the host connected to; verify-ca accepts it")
  void verifyFullChecksTheName(Vertx vertx) {
    assertThatThrownBy(() -> encrypted(vertx, settings("127.0.0.1", "verify-full", certs.ca().toString())))
      .hasMessageContaining("SSL handshake failed");
    assertThat(encrypted(vertx, settings("127.0.0.1", "verify-ca", certs.ca().toString()))).isTrue();
  }

  @Test
  @DisplayName("Migrations run through JDBC with the same verify-full mode and CA bundle")
  void migrationsVerifyToo() {
    DbSettings db = settings("localhost", "verify-full", certs.ca().toString());
    assertThat(db.jdbcUrl()).contains("sslmode=verify-full").contains("sslrootcert=");
    assertThat(Databases.migrateNow(db, "commontest")).isEqualTo(1);
  }
}
