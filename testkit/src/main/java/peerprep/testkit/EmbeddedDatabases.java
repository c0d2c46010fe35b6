package peerprep.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One embedded PostgreSQL 16 server (real binaries) per JVM, and fresh databases on it.
 * Used by the integration tests and by the single-JVM development stack; never part of a service image.
 */
public final class EmbeddedDatabases {
  private static EmbeddedPostgres server;

  private EmbeddedDatabases() {
  }

  /** Starts the shared server on a free port the first time it is asked for. */
  public static synchronized EmbeddedPostgres server() {
    return server(0);
  }

  public static synchronized EmbeddedPostgres server(int port) {
    return server(port, null);
  }

  /** Starts the shared server on a given port, keeping its data in {@code dataDir} when one is given. */
  public static synchronized EmbeddedPostgres server(int port, java.nio.file.Path dataDir) {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("max_connections", "300")
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off");
        if (port > 0) {
          builder.setPort(port);
        }
        if (dataDir != null) {
          builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        server = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** Stops the shared server (benchmarks and tools that run outside a test JVM's lifetime). */
  public static synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException ignored) {
        // the process is gone already
      }
      server = null;
    }
  }

  public static int port() {
    return server().getPort();
  }

  /** Drops and creates a database, so each test class or run starts from nothing. */
  public static String freshDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database names are lower-case identifiers: " + name);
    }
    exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    exec("CREATE DATABASE " + name);
    return name;
  }

  /** Creates a database only if it does not exist yet, keeping its data. */
  public static String ensureDatabase(String name) {
    try (Connection c = server().getPostgresDatabase().getConnection();
         Statement st = c.createStatement()) {
      var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
      if (!rs.next()) {
        st.execute("CREATE DATABASE " + name);
      }
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
  }

  private static void exec(String sql) {
    try (Connection c = server().getPostgresDatabase().getConnection();
         Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run: " + sql, e);
    }
  }

  public static String user() {
    return "postgres";
  }

  public static String password() {
    return "postgres";
  }
}
