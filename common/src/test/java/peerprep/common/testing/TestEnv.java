package peerprep.common.testing;

import io.vertx.core.json.JsonObject;
import peerprep.testkit.EmbeddedDatabases;
import peerprep.testkit.EmbeddedRedis;

/**
 * Deployment config for a service under test: a fresh database on the embedded PostgreSQL, the embedded
 * Redis, a free port, static discovery, and a service credential. Extend it with the service's own keys.
 */
public final class TestEnv {
  public static final String INTERNAL_TOKEN = "test-internal-credential";

  private TestEnv() {
  }

  /** Config with a fresh database named {@code dbName} (null for a service without one). */
  public static JsonObject config(String dbName) {
    JsonObject c = new JsonObject()
      .put("PORT", EmbeddedRedis.freePort())
      .put("REDIS_URL", EmbeddedRedis.url())
      .put("SECRET_INTERNAL_TOKEN", INTERNAL_TOKEN)
      .put("DISCOVERY_MODE", "static");
    if (dbName != null) {
      c.put("DB_HOST", "localhost")
        .put("DB_PORT", EmbeddedDatabases.port())
        .put("DB_NAME", EmbeddedDatabases.freshDatabase(dbName))
        .put("DB_USER", EmbeddedDatabases.user())
        .put("SECRET_DB_PASSWORD", EmbeddedDatabases.password());
    }
    return c;
  }
}
