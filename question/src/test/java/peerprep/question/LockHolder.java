package peerprep.question;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;

import static peerprep.question.TestService.await;

/**
 * A transaction of the test's own on its own connection: it takes row locks that the service's
 * transactions then queue behind, which orders concurrent requests the way a test needs them.
 */
final class LockHolder {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final Pool db;
  private final SqlConnection conn;
  private final Transaction tx;

  private LockHolder(Pool db, SqlConnection conn, Transaction tx) {
    this.db = db;
    this.conn = conn;
    this.tx = tx;
  }

  static LockHolder begin(Pool db) {
    SqlConnection conn = await(db.getConnection());
    return new LockHolder(db, conn, await(conn.begin()));
  }

  /** Begins a transaction holding the counter row of a topic and difficulty (created at zero when missing). */
  static LockHolder holdingTopicCount(Pool db, String topic, String difficulty) {
    await(db.preparedQuery("INSERT INTO topic_counts (topic, difficulty, n) VALUES ($1, $2::text::question_difficulty, 0)"
      + " ON CONFLICT DO NOTHING").execute(Tuple.of(topic, difficulty)));
    return begin(db).run("SELECT n FROM topic_counts WHERE topic = $1 AND difficulty = $2::text::question_difficulty"
      + " FOR UPDATE", topic, difficulty);
  }

  static LockHolder holdingDifficultyCount(Pool db, String difficulty) {
    await(db.preparedQuery("INSERT INTO difficulty_counts (difficulty, n) VALUES ($1::text::question_difficulty, 0)"
      + " ON CONFLICT DO NOTHING").execute(Tuple.of(difficulty)));
    return begin(db).run("SELECT n FROM difficulty_counts WHERE difficulty = $1::text::question_difficulty"
      + " FOR UPDATE", difficulty);
  }

  /** Runs a statement in the transaction and waits for it. */
  LockHolder run(String sql, Object... params) {
    await(start(sql, params));
    return this;
  }

  /** Sends a statement in the transaction without waiting for it (it may queue behind another lock). */
  Future<RowSet<Row>> start(String sql, Object... params) {
    return conn.preparedQuery(sql).execute(Tuple.from(params));
  }

  /** Ends the transaction, undoing what it did, and lets its locks go. */
  void release() {
    await(tx.rollback().eventually(conn::close));
  }

  /**
   * Waits until at least {@code count} sessions of the database wait for a lock. PostgreSQL tells of a
   * lock wait only through pg_stat_activity, so this asks it again every few milliseconds.
   */
  static void awaitLockWaits(Pool db, int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (waiting(db) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Fewer than " + count + " sessions waited for a lock within " + WAIT.toSeconds() + " s");
      }
      await(db.query("SELECT pg_sleep(0.01)").execute());
    }
  }

  private static long waiting(Pool db) {
    return await(db.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
      + " AND wait_event_type = 'Lock'").execute()).iterator().next().getLong("n");
  }
}
