package peerprep.user;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

/** The SQL of the account-deletion outbox: queue, claim what is due, settle. */
public final class OutboxRepository {
  private final Pool pool;

  public OutboxRepository(Pool pool) {
    this.pool = pool;
  }

  /** A deletion the history service still has to hear about. */
  public record Notice(long id, UUID userId, int attempts) {
    static Notice fromRow(Row row) {
      return new Notice(row.getLong("id"), row.getUUID("user_id"), row.getInteger("attempts"));
    }
  }

  static Future<Void> enqueue(SqlClient client, UUID userId) {
    return client.preparedQuery("INSERT INTO account_deletion_outbox (user_id) VALUES ($1)")
      .execute(Tuple.of(userId))
      .mapEmpty();
  }

  /**
   * Takes up to {@code limit} due notices and moves each one's next attempt out by its backoff
   * (base·2^attempts, capped) before it is tried, so another task skips it and a crash mid-call only
   * delays it.
   */
  public Future<List<Notice>> claimDue(int limit, long backoffBaseMs, long backoffMaxMs) {
    return pool.preparedQuery("UPDATE account_deletion_outbox SET attempts = attempts + 1, "
        + "next_attempt_at = now() + LEAST($3::float8, $2::float8 * power(2, LEAST(attempts, 40))) * interval '1 millisecond' "
        + "WHERE id IN (SELECT id FROM account_deletion_outbox WHERE next_attempt_at <= now() "
        + "ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) "
        + "RETURNING id, user_id, attempts")
      .execute(Tuple.of(limit, backoffBaseMs, backoffMaxMs))
      .map(rows -> {
        List<Notice> out = new java.util.ArrayList<>();
        rows.forEach(row -> out.add(Notice.fromRow(row)));
        return out;
      });
  }

  public Future<Void> delivered(long id) {
    return pool.preparedQuery("DELETE FROM account_deletion_outbox WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
  }

  public Future<Void> failed(long id, String error) {
    return pool.preparedQuery("UPDATE account_deletion_outbox SET last_error = $2 WHERE id = $1")
      .execute(Tuple.of(id, error.length() > 500 ? error.substring(0, 500) : error))
      .mapEmpty();
  }

  public Future<Integer> pending() {
    return pool.query("SELECT count(*) AS n FROM account_deletion_outbox").execute()
      .map(rows -> rows.iterator().next().getInteger("n"));
  }
}
