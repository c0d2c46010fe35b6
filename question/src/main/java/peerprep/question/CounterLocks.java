package peerprep.question;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Takes, at the start of a write's transaction, every counter row its statements' triggers will change.
 *
 * Each trigger changes its statement's counter rows in key order, but a write runs several statements (an
 * edit writes the question, removes its old topic rows, then inserts the new ones), so two writes could
 * each hold a counter the other needs next: moving one question from topic X to Y while another moves from
 * Y to X deadlocked. Every writer therefore takes its rows first in one order: the question's own row, then
 * the difficulty counters, then the topic counters, each in key order. Writers of the same counters queue
 * at this step, and the triggers afterwards only touch rows their transaction already holds.
 */
final class CounterLocks {
  /*
   * Locking the question first keeps what it holds fixed, so the next statement reads the topic rows its
   * own statements will remove. An edit that keeps the difficulty changes no difficulty counter (the
   * trigger skips a zero change), hence the difference of the old and new sets. A missing counter row is
   * created at zero; an existing one is locked without being written (a false WHERE still locks).
   */
  private static final String DIFFICULTIES = "WITH old AS (SELECT difficulty FROM questions WHERE id = $1 FOR UPDATE)"
    + " INSERT INTO difficulty_counts AS c (difficulty, n) SELECT d, 0 FROM ("
    + "SELECT difficulty AS d FROM old UNION ALL SELECT DISTINCT d FROM unnest($2::text[]::question_difficulty[]) AS d"
    + ") AS k GROUP BY d HAVING count(*) = 1 ORDER BY d"
    + " ON CONFLICT (difficulty) DO UPDATE SET n = c.n WHERE false";
  private static final String TOPICS = "INSERT INTO topic_counts AS c (topic, difficulty, n) SELECT topic, difficulty, 0 FROM ("
    + "SELECT topic, difficulty FROM question_topics WHERE question_id = $1"
    + " UNION SELECT t, d FROM unnest($2::text[], $3::text[]::question_difficulty[]) AS k (t, d)"
    + ") AS keys ORDER BY topic, difficulty"
    + " ON CONFLICT (topic, difficulty) DO UPDATE SET n = c.n WHERE false";

  private CounterLocks() {
  }

  /**
   * Locks the rows for replacing question {@code replaced} (null when none is) by the questions
   * {@code written} (none for a deletion). Both statements go out together: one round trip.
   */
  static Future<Void> take(SqlClient conn, UUID replaced, List<NewQuestion> written) {
    List<String> topics = new ArrayList<>();
    List<String> topicDifficulties = new ArrayList<>();
    for (NewQuestion q : written) {
      for (String topic : q.topics()) {
        topics.add(topic);
        topicDifficulties.add(q.difficulty().label());
      }
    }
    String[] difficulties = written.stream().map(q -> q.difficulty().label()).toArray(String[]::new);
    Future<RowSet<Row>> byDifficulty = conn.preparedQuery(DIFFICULTIES)
      .execute(Tuple.tuple().addValue(replaced).addArrayOfString(difficulties));
    Future<RowSet<Row>> byTopic = conn.preparedQuery(TOPICS).execute(Tuple.tuple().addValue(replaced)
      .addArrayOfString(topics.toArray(String[]::new)).addArrayOfString(topicDifficulties.toArray(String[]::new)));
    return Future.all(byDifficulty, byTopic).mapEmpty();
  }
}
