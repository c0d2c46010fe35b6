package peerprep.common.db;

import io.vertx.pgclient.PgConnectOptions;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

import java.net.URI;

/**
 * Where a service's PostgreSQL database is: {@code DATABASE_URL} (postgresql://user:pass@host:port/db)
 * or {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER}, {@code SECRET_DB_PASSWORD}.
 */
public record DbSettings(String host, int port, String database, String user, String password, int poolSize) {

  public static DbSettings from(Settings s, String defaultDatabase) {
    int poolSize = s.integer("DB_POOL_SIZE", 8);
    if (s.has("DATABASE_URL")) {
      URI u = s.uri("DATABASE_URL");
      String[] auth = u.getUserInfo() == null ? new String[0] : u.getUserInfo().split(":", 2);
      String db = u.getPath() == null || u.getPath().length() <= 1 ? defaultDatabase : u.getPath().substring(1);
      if (auth.length == 0) {
        throw new ConfigException("Malformed configuration: DATABASE_URL must include a user, as postgresql://user:password@host:5432/db");
      }
      return new DbSettings(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), db, auth[0],
        auth.length > 1 ? auth[1] : s.string("SECRET_DB_PASSWORD", ""), poolSize);
    }
    return new DbSettings(s.string("DB_HOST"), s.port("DB_PORT", 5432), s.string("DB_NAME", defaultDatabase),
      s.string("DB_USER"), s.string("SECRET_DB_PASSWORD", ""), poolSize);
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
      .setUser(user).setPassword(password).setCachePreparedStatements(true);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "DbSettings[" + user + "@" + host + ":" + port + "/" + database + "]";
  }
}
