package peerprep.history;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every SQL statement about one user across attempts: their stats, and forgetting a deleted account. */
public final class AccountRepository {
  private static final String STATS = """
    WITH mine AS (
      SELECT a.question_id, a.question_difficulty, a.question_topics, a.ended_at
      FROM attempt_participants p JOIN attempts a ON a.session_id = p.session_id
      WHERE p.user_id = $1)
    SELECT
      (SELECT count(*) FROM mine) AS total,
      (SELECT count(DISTINCT question_id) FROM mine) AS solved,
      (SELECT max(ended_at) FROM mine) AS last_at,
      (SELECT coalesce(jsonb_object_agg(question_difficulty, n), '{}'::jsonb)
         FROM (SELECT question_difficulty, count(*) AS n FROM mine GROUP BY question_difficulty) d) AS by_difficulty,
      (SELECT coalesce(jsonb_object_agg(topic, n), '{}'::jsonb)
         FROM (SELECT topic, count(*) AS n FROM mine, unnest(mine.question_topics) AS topic GROUP BY topic) t) AS by_topic,
      (SELECT coalesce(array_agg(day ORDER BY day), '{}'::date[])
         FROM (SELECT DISTINCT (ended_at AT TIME ZONE 'UTC')::date AS day FROM mine) d) AS days""";
  private static final String REMEMBER_DELETED = "INSERT INTO deleted_users (user_id) VALUES ($1) ON CONFLICT DO NOTHING";
  private static final String SCRUB_TRANSCRIPTS = """
    UPDATE transcripts SET updated_at = now(), messages = (
      SELECT jsonb_agg(CASE WHEN m ->> 'user' = $1::uuid::text
                            THEN m || jsonb_build_object('user', NULL, 'username', 'deleted user') ELSE m END
                       ORDER BY i)
      FROM jsonb_array_elements(messages) WITH ORDINALITY AS e (m, i))
    WHERE messages @> jsonb_build_array(jsonb_build_object('user', $1::uuid::text))""";
  private static final String ANONYMIZE = """
    UPDATE attempt_participants SET user_id = NULL, username = 'deleted user', display_name = NULL
    WHERE user_id = $1 RETURNING session_id""";
  private static final String DROP_ORPHANS = """
    DELETE FROM attempts a WHERE a.session_id = ANY ($1)
      AND NOT EXISTS (SELECT 1 FROM attempt_participants p WHERE p.session_id = a.session_id AND p.user_id IS NOT NULL)
    RETURNING a.session_id""";
  private static final String DROP_TRANSCRIPTS = "DELETE FROM transcripts WHERE session_id = ANY ($1)";

  private final Pool pool;

  public AccountRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Row> stats(UUID userId) {
    return pool.preparedQuery(STATS).execute(Tuple.of(userId)).map(rows -> rows.iterator().next());
  }

  /**
   * Removes a deleted account from every attempt: its participant rows lose their id and show
   * 'deleted user', its chat messages likewise, and an attempt left with no remaining participant is
   * dropped with its transcript. The id is remembered so that late arrivals are stored the same way.
   */
  public Future<Void> forget(UUID userId) {
    Tuple id = Tuple.of(userId);
    return pool.withTransaction(conn -> conn.preparedQuery(REMEMBER_DELETED).execute(id)
      .compose(v -> conn.preparedQuery(SCRUB_TRANSCRIPTS).execute(id))
      .compose(v -> conn.preparedQuery(ANONYMIZE).execute(id))
      .compose(rows -> {
        List<UUID> sessions = new ArrayList<>();
        rows.forEach(r -> sessions.add(r.getUUID("session_id")));
        return sessions.isEmpty() ? Future.succeededFuture() : dropOrphans(conn, sessions);
      }));
  }

  private static Future<Void> dropOrphans(SqlConnection conn, List<UUID> sessions) {
    return conn.preparedQuery(DROP_ORPHANS).execute(Tuple.of(sessions.toArray(UUID[]::new)))
      .compose(rows -> {
        List<UUID> dropped = new ArrayList<>();
        rows.forEach(r -> dropped.add(r.getUUID("session_id")));
        return dropped.isEmpty() ? Future.succeededFuture()
          : conn.preparedQuery(DROP_TRANSCRIPTS).execute(Tuple.of(dropped.toArray(UUID[]::new))).mapEmpty();
      });
  }
}
