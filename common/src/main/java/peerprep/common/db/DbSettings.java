package peerprep.common.db;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a service's PostgreSQL database is: {@code DATABASE_URL} (postgresql://user:pass@host:port/db)
 * or {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER}, {@code SECRET_DB_PASSWORD};
 * {@code DB_SSL_MODE} and, for the verify modes, {@code DB_SSL_ROOT_CERT} (a PEM bundle of the CAs that
 * may sign the server's certificate, e.g. the RDS global bundle; the JVM's trust store when unset).
 */
public record DbSettings(String host, int port, String database, String user, String password, int poolSize,
                         String sslMode, String sslRootCert) {
  private static final java.util.Set<String> SSL_MODES = java.util.Set.of("disable", "prefer", "require", "verify-ca", "verify-full");

  public DbSettings(String host, int port, String database, String user, String password, int poolSize) {
    this(host, port, database, user, password, poolSize, "disable", null);
  }

  public static DbSettings from(Settings s, String defaultDatabase) {
    return from(s, defaultDatabase, sslMode(s));
  }

  /** {@code DB_SSL_MODE}: disable (default), prefer, require (encrypted, as RDS demands), verify-ca, verify-full. */
  static String sslMode(Settings s) {
    String mode = s.string("DB_SSL_MODE", "disable").toLowerCase(java.util.Locale.ROOT);
    if (!SSL_MODES.contains(mode)) {
      throw new ConfigException("Malformed configuration: DB_SSL_MODE must be one of " + new java.util.TreeSet<>(SSL_MODES) + ", got '" + mode + "'");
    }
    return mode;
  }

  private static DbSettings from(Settings s, String defaultDatabase, String sslMode) {
    int poolSize = s.integer("DB_POOL_SIZE", 8);
    String rootCert = s.has("DB_SSL_ROOT_CERT") ? s.string("DB_SSL_ROOT_CERT") : null;
    if (s.has("DATABASE_URL")) {
      URI u = s.uri("DATABASE_URL");
      String[] auth = u.getUserInfo() == null ? new String[0] : u.getUserInfo().split(":", 2);
      String db = u.getPath() == null || u.getPath().length() <= 1 ? defaultDatabase : u.getPath().substring(1);
      if (auth.length == 0) {
        throw new ConfigException("Malformed configuration: DATABASE_URL must include a user, as postgresql://user:password@host:5432/db");
      }
      return new DbSettings(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), db, auth[0],
        auth.length > 1 ? auth[1] : s.string("SECRET_DB_PASSWORD", ""), poolSize, sslMode, rootCert);
    }
    return new DbSettings(s.string("DB_HOST"), s.port("DB_PORT", 5432), s.string("DB_NAME", defaultDatabase),
      s.string("DB_USER"), s.string("SECRET_DB_PASSWORD", ""), poolSize, sslMode, rootCert);
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
      .setUser(user).setPassword(password).setCachePreparedStatements(true)
      .setSslMode(SslMode.of(sslMode));
    if (sslMode.equals("require") || sslMode.equals("prefer")) {
      // Encrypted without certificate checks, as libpq's sslmode=require; verify-* check the chain (and the name).
      options.setSslOptions(new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm(""));
    } else if (sslMode.startsWith("verify")) {
      ClientSSLOptions ssl = new ClientSSLOptions().setHostnameVerificationAlgorithm(sslMode.equals("verify-full") ? "HTTPS" : "");
      if (sslRootCert != null) {
        ssl.setTrustOptions(new PemTrustOptions().addCertPath(sslRootCert));
      }
      options.setSslOptions(ssl);
    }
    return options;
  }

  /** The JDBC URL Flyway migrates through, with the same SSL mode and CA bundle as the pool. */
  public String jdbcUrl() {
    String url = "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
    if (sslMode.startsWith("verify")) {
      url += sslRootCert == null ? "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"
        : "&sslrootcert=" + URLEncoder.encode(sslRootCert, StandardCharsets.UTF_8);
    }
    return url;
  }

  @Override
  public String toString() {
    return "DbSettings[" + user + "@" + host + ":" + port + "/" + database + "]";
  }
}
