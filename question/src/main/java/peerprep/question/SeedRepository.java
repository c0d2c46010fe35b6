package peerprep.question;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Loads bank questions whose slug was never loaded before. */
public final class SeedRepository {
  /*
   * One statement per question: claiming the slug in seeded_slugs is what lets a question in, so a
   * question an admin deleted is not loaded again, and two tasks starting together meet on the slug's
   * unique key instead of both inserting. A title an admin already uses is skipped, not failed. The
   * statements add questions in slug order, not in counter order, so the counter rows of every bank
   * question are taken first (CounterLocks); a load with nothing new holds them for a few milliseconds.
   */
  private static final String SEED = "WITH claimed AS ("
    + "INSERT INTO seeded_slugs (slug) VALUES ($2) ON CONFLICT DO NOTHING RETURNING slug),"
    + " inserted AS (INSERT INTO questions (id, slug, title, description, topics, difficulty, examples, constraints,"
    + " hints, starter_code) SELECT $1::uuid, slug, $3::text, $4::text, $5::text[], $6::text::question_difficulty,"
    + " $7::jsonb, $8::text[], $9::text[], $10::jsonb FROM claimed ON CONFLICT DO NOTHING"
    + " RETURNING id, topics, difficulty, title_key, created_at, updated_at)"
    + " INSERT INTO question_topics (question_id, topic, difficulty, pick_key, title_key, created_at, updated_at)"
    + " SELECT i.id, t, i.difficulty, random(), i.title_key, i.created_at, i.updated_at FROM inserted i, unnest(i.topics) AS t";
  private final Pool pool;

  public SeedRepository(Pool pool) {
    this.pool = pool;
  }

  /** Adds the questions not seeded before and returns how many were added. */
  public Future<Integer> seed(List<NewQuestion> questions) {
    if (questions.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<NewQuestion> ordered = questions.stream().sorted(Comparator.comparing(NewQuestion::slug)).toList();
    String[] topics = ordered.stream().flatMap(q -> q.topics().stream()).distinct().toArray(String[]::new);
    List<Tuple> rows = ordered.stream().map(q -> QuestionRepository.values(UUID.randomUUID(), q.slug(), q)).toList();
    return pool.withTransaction(conn -> Future.all(addTopics(conn, topics), CounterLocks.take(conn, null, ordered))
        .compose(v -> conn.preparedQuery(SEED).executeBatch(rows))
        .map(SeedRepository::countInserted));
  }

  private static Future<RowSet<Row>> addTopics(SqlClient conn, String[] topics) {
    return conn.preparedQuery("INSERT INTO topics (slug, name)"
        + " SELECT s, n FROM unnest($1::text[], $2::text[]) AS x (s, n) ON CONFLICT DO NOTHING")
      .execute(Tuple.tuple().addArrayOfString(topics)
        .addArrayOfString(Arrays.stream(topics).map(SeedRepository::displayName).toArray(String[]::new)));
  }

  private static int countInserted(RowSet<Row> result) {
    int added = 0;
    for (RowSet<Row> rs = result; rs != null; rs = rs.next()) {
      added += rs.rowCount() > 0 ? 1 : 0;
    }
    return added;
  }

  /** "two-pointers" → "Two Pointers", for topics the bank brings that the schema does not list. */
  static String displayName(String slug) {
    StringBuilder name = new StringBuilder();
    for (String word : slug.split("-")) {
      name.append(name.length() == 0 ? "" : " ").append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
    }
    return name.toString();
  }
}
