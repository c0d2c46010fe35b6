package peerprep.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a service's PostgreSQL pool and runs its Flyway migrations off the event loop. */
public final class Databases {
  private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

  private Databases() {
  }

  public static Pool pool(Vertx vertx, DbSettings db) {
    return PgBuilder.pool()
      .with(new PoolOptions().setMaxSize(db.poolSize()).setName(db.database() + "-pool").setShared(false))
      .connectingTo(db.connectOptions())
      .using(vertx)
      .build();
  }

  /** Runs the migrations in {@code classpath:db/<service>}; blocking, so called through executeBlocking. */
  public static Future<Integer> migrate(Vertx vertx, DbSettings db, String service) {
    return vertx.executeBlocking(() -> migrateNow(db, service), false);
  }

  public static int migrateNow(DbSettings db, String service) {
    Flyway flyway = Flyway.configure()
      .dataSource(db.jdbcUrl(), db.user(), db.password())
      .locations("classpath:db/" + service)
      .table("flyway_schema_history")
      .connectRetries(10)
      .load();
    int applied = flyway.migrate().migrationsExecuted;
    LOG.info("Migrations for {} on {}: {} applied", service, db.database(), applied);
    return applied;
  }
}
