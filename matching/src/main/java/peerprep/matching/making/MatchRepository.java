package peerprep.matching.making;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import peerprep.matching.queue.MatchRecord;

/** The match log in matching_db; every SQL statement of the service. */
public final class MatchRepository {
  private static final String INSERT = """
    INSERT INTO matches (id, topic, difficulty, relaxed, user_a_id, user_a_name, user_a_difficulty, user_a_waited_ms,
      user_b_id, user_b_name, user_b_difficulty, user_b_waited_ms, question_id, question_title, question_difficulty,
      session_id, language, requeues, paired_at, matched_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
    ON CONFLICT (id) DO NOTHING""";

  private final Pool pool;

  public MatchRepository(Pool pool) {
    this.pool = pool;
  }

  /** Records a match; recording the same match again changes nothing. */
  public Future<Void> insert(MatchRecord record) {
    return pool.preparedQuery(INSERT).execute(record.toTuple()).mapEmpty();
  }
}
