package peerprep.question;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import peerprep.common.vocab.Difficulty;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The random pick for matching. */
public final class PickRepository {
  /*
   * Each (question, topic) row carries a random key. Walking the (topic, difficulty, pick_key) index from
   * a random point and wrapping around to the start reads a handful of index entries however large the
   * bank is, where ORDER BY random() would read and sort every question of the topic.
   */
  private static final String CANDIDATE = "SELECT question_id FROM question_topics"
    + " WHERE topic = $1 AND difficulty = $2::text::question_difficulty AND question_id <> ALL($4::uuid[])";
  private static final String PICK = "SELECT " + QuestionRepository.COLUMNS + " FROM questions WHERE id = ("
    + "SELECT question_id FROM ((" + CANDIDATE + " AND pick_key >= $3 ORDER BY pick_key LIMIT 1)"
    + " UNION ALL (" + CANDIDATE + " AND pick_key < $3 ORDER BY pick_key LIMIT 1)) AS candidates LIMIT 1)";
  private final Pool pool;

  public PickRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Question>> pick(String topic, Difficulty difficulty, List<UUID> excluded) {
    double start = ThreadLocalRandom.current().nextDouble();
    return pool.preparedQuery(PICK)
      .execute(Tuple.of(topic, difficulty.label(), start, excluded.toArray(UUID[]::new)))
      .map(rows -> QuestionRepository.first(rows).map(Question::fromRow));
  }

  public Future<Boolean> topicExists(String topic) {
    return pool.preparedQuery("SELECT 1 FROM topics WHERE slug = $1").execute(Tuple.of(topic))
      .map(rows -> rows.size() > 0);
  }
}
