package peerprep.matching.making;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import peerprep.matching.queue.MatchRecord;

/** The match log in matching_db; every SQL statement of the service. */
public final class MatchRepository {
  private static final String INSERT = """
    INSERT INTO matches (id, topic, difficulty, relaxed, user_a_id, user_a_name, user_a_difficulty, user_a_waited_ms,
      user_b_id, user_b_name, user_b_difficulty, user_b_waited_ms, question_id, question_title, question_difficulty,
      session_id, language, requeues, paired_at, matched_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
    ON CONFLICT (id) DO NOTHING""";

  /**
   * Gives a user back their place of a match of theirs, once: when they first asked, the match's pairing
   * time less their wait. No row when the session is not one of theirs or the place was given back before.
   */
  private static final String CLAIM_PLACE = """
    WITH m AS (
      SELECT id, paired_at - make_interval(secs => (CASE WHEN user_a_id = $2 THEN user_a_waited_ms
        ELSE user_b_waited_ms END) / 1000.0) AS place
      FROM matches WHERE session_id = $1 AND (user_a_id = $2 OR user_b_id = $2)
    ), claimed AS (
      INSERT INTO rematches (match_id, user_id) SELECT id, $2 FROM m ON CONFLICT DO NOTHING RETURNING match_id
    )
    SELECT (extract(epoch FROM m.place) * 1000)::bigint AS place FROM m JOIN claimed ON claimed.match_id = m.id""";

  private final Pool pool;

  public MatchRepository(Pool pool) {
    this.pool = pool;
  }

  /** The place (epoch ms) to give back to a user who asks for a new partner after the session; null when none. */
  public Future<Long> claimPlace(String sessionId, String userId) {
    return pool.preparedQuery(CLAIM_PLACE).execute(Tuple.of(sessionId, userId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("place"));
  }

  /** Records a match; recording the same match again changes nothing. */
  public Future<Void> insert(MatchRecord record) {
    return pool.preparedQuery(INSERT).execute(record.toTuple()).mapEmpty();
  }
}
