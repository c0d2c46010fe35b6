package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import peerprep.common.db.LockConflicts;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.Difficulty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Every SQL statement over questions and topics, except the pick and the bank's seeding. */
public final class QuestionRepository {
  static final String COLUMNS = "id, slug, title, description, topics, difficulty::text AS difficulty, examples,"
    + " constraints, hints, starter_code, version, created_at, updated_at";
  private static final String INSERT = "INSERT INTO questions (id, slug, title, description, topics, difficulty, examples,"
    + " constraints, hints, starter_code) VALUES ($1, $2, $3, $4, $5, $6::text::question_difficulty, $7, $8, $9, $10)";
  private final Pool pool;

  public QuestionRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Page> list(ListQuery q) {
    ListStatement.Statement page = ListStatement.of(q);
    Future<RowSet<Row>> rows = pool.preparedQuery(page.sql()).execute(page.args());
    Future<Long> total = q.countable() ? count(q) : Future.succeededFuture(null);
    return Future.all(rows, total).map(v -> {
      List<Row> found = new ArrayList<>();
      rows.result().forEach(found::add);
      boolean more = found.size() > q.size();
      List<Row> shown = more ? found.subList(0, q.size()) : found;
      Cursor next = more ? Cursor.after(q.sort(), q.descending(), shown.get(shown.size() - 1)) : null;
      return new Page(shown.stream().map(QuestionSummary::fromRow).toList(), q.page(), q.size(), total.result(), next);
    });
  }

  /** The total from the counts kept per topic and difficulty: a few rows, whatever the bank's size. */
  private Future<Long> count(ListQuery q) {
    String[] difficulties = q.difficulties().stream().map(Difficulty::label).toArray(String[]::new);
    String byDifficulty = " AND (cardinality($1::text[]) = 0 OR difficulty = ANY($1::text[]::question_difficulty[]))";
    Future<RowSet<Row>> rows = q.topics().isEmpty()
      ? pool.preparedQuery("SELECT coalesce(sum(n), 0) AS n FROM difficulty_counts WHERE true" + byDifficulty)
        .execute(Tuple.of(difficulties))
      : pool.preparedQuery("SELECT coalesce(sum(n), 0) AS n FROM topic_counts WHERE topic = $2" + byDifficulty)
        .execute(Tuple.of(difficulties, q.topics().get(0)));
    return rows.map(r -> r.iterator().next().getLong("n"));
  }

  public Future<Optional<Question>> find(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM questions WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> first(rows).map(Question::fromRow));
  }

  /** Creates a question; a derived slug that is taken gets the id's first characters appended. */
  public Future<Question> create(NewQuestion q, boolean slugChosen) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(conn -> Future.all(requireKnownTopics(conn, q.topics()), CounterLocks.take(conn, id, List.of(q)))
        .compose(v -> insert(conn, id, q.slug(), q))
        .compose(row -> row.isPresent() || slugChosen ? Future.succeededFuture(row)
          : insert(conn, id, q.slug() + "-" + id.toString().substring(0, 8), q))
        .map(row -> row.map(Question::fromRow).orElseThrow(() ->
          ApiException.conflict("The slug '" + q.slug() + "' belongs to another question; choose another.")))
        .compose(created -> replaceTopicRows(conn, created).map(created)))
      .recover(e -> failed(e, q.title()));
  }

  private Future<Optional<Row>> insert(SqlClient conn, UUID id, String slug, NewQuestion q) {
    return conn.preparedQuery(INSERT + " ON CONFLICT (slug) DO NOTHING RETURNING " + COLUMNS)
      .execute(values(id, slug, q))
      .map(QuestionRepository::first);
  }

  static Tuple values(UUID id, String slug, NewQuestion q) {
    return Tuple.of(id, slug, q.title(), q.description(), q.topics().toArray(String[]::new), q.difficulty().label(),
        q.examplesJson(), q.constraints().toArray(String[]::new))
      .addArrayOfString(q.hints().toArray(String[]::new))
      .addJsonObject(q.starterCodeJson());
  }

  /** Replaces the content of version {@code expected}; 404 when absent, 412 when another edit came first. */
  public Future<Question> update(UUID id, int expected, NewQuestion q) {
    return pool.withTransaction(conn -> Future.all(requireKnownTopics(conn, q.topics()), CounterLocks.take(conn, id, List.of(q)))
        .compose(v -> conn.preparedQuery("UPDATE questions SET title = $3, description = $4, topics = $5,"
            + " difficulty = $6::text::question_difficulty, examples = $7, constraints = $8, hints = $9, starter_code = $10,"
            + " version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING " + COLUMNS)
          .execute(Tuple.of(id, expected, q.title(), q.description(), q.topics().toArray(String[]::new),
              q.difficulty().label(), q.examplesJson(), q.constraints().toArray(String[]::new))
            .addArrayOfString(q.hints().toArray(String[]::new)).addJsonObject(q.starterCodeJson())))
        .compose(rows -> first(rows).isPresent() ? Future.succeededFuture(Question.fromRow(first(rows).get()))
          : whyNotUpdated(conn, id, expected))
        .compose(updated -> replaceTopicRows(conn, updated).map(updated)))
      .recover(e -> failed(e, q.title()));
  }

  private Future<Question> whyNotUpdated(SqlClient conn, UUID id, int expected) {
    return conn.preparedQuery("SELECT version FROM questions WHERE id = $1").execute(Tuple.of(id))
      .compose(rows -> Future.failedFuture(first(rows)
        .map(row -> (Throwable) new ApiException(412, "Precondition Failed", "The question is at version "
          + row.getInteger("version") + " but the edit was made to version " + expected
          + ". Load the question again and reapply the change.",
          new JsonObject().put("currentVersion", row.getInteger("version"))))
        .orElseGet(() -> notFound(id))));
  }

  public Future<Boolean> delete(UUID id) {
    return pool.withTransaction(conn -> CounterLocks.take(conn, id, List.of())
        .compose(v -> conn.preparedQuery("DELETE FROM questions WHERE id = $1").execute(Tuple.of(id))))
      .map(rows -> rows.rowCount() > 0)
      .recover(e -> failed(e, null));
  }

  public Future<List<TopicCount>> topics() {
    return pool.query("SELECT t.slug, t.name, c.difficulty::text AS difficulty, c.n FROM topics t"
        + " LEFT JOIN topic_counts c ON c.topic = t.slug ORDER BY t.slug").execute()
      .map(rows -> {
        Map<String, TopicCount> bySlug = new LinkedHashMap<>();
        for (Row row : rows) {
          TopicCount topic = bySlug.computeIfAbsent(row.getString("slug"), s -> TopicCount.empty(s, row.getString("name")));
          if (row.getString("difficulty") != null) {
            topic.counts().put(Difficulty.fromLabel(row.getString("difficulty")), row.getLong("n"));
          }
        }
        return List.copyOf(bySlug.values());
      });
  }

  /** The topics of the list that do not exist. */
  public Future<List<String>> unknownTopics(SqlClient client, List<String> topics) {
    return client.preparedQuery("SELECT t FROM unnest($1::text[]) AS t WHERE NOT EXISTS (SELECT 1 FROM topics WHERE slug = t)")
      .execute(Tuple.of(topics.toArray(String[]::new)))
      .map(rows -> rows.stream().map(r -> r.getString(0)).toList());
  }

  public Future<List<String>> unknownTopics(List<String> topics) {
    return topics.isEmpty() ? Future.succeededFuture(List.of()) : unknownTopics(pool, topics);
  }

  private Future<Void> requireKnownTopics(SqlClient conn, List<String> topics) {
    return unknownTopics(conn, topics).compose(unknown -> unknown.isEmpty() ? Future.succeededFuture()
      : Future.failedFuture(Fields.invalid("topics", "Unknown topic" + (unknown.size() > 1 ? "s " : " ")
        + String.join(", ", unknown) + ". GET /topics lists the known ones.")));
  }

  static Future<Void> replaceTopicRows(SqlClient conn, Question q) {
    return conn.preparedQuery("DELETE FROM question_topics WHERE question_id = $1").execute(Tuple.of(q.id()))
      .compose(v -> conn.preparedQuery("INSERT INTO question_topics (question_id, topic, difficulty, pick_key, title_key,"
          + " created_at, updated_at) SELECT id, t, difficulty, random(), title_key, created_at, updated_at"
          + " FROM questions, unnest(topics) AS t WHERE id = $1")
        .execute(Tuple.of(q.id())))
      .mapEmpty();
  }

  static Optional<Row> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty();
  }

  static ApiException notFound(UUID id) {
    return ApiException.notFound("No question has the id " + id + ".");
  }

  /** A lost lock conflict saved nothing: a 503 the admin may simply resend, never a bare 500. */
  static <T> Future<T> failed(Throwable e, String title) {
    if (LockConflicts.lost(e)) {
      return Future.failedFuture(LockConflicts.retry("Another change to the question bank held what this one needed,"
        + " so nothing was saved. Send the same request again."));
    }
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      if ("questions_title_key".equals(pg.getConstraint())) {
        return Future.failedFuture(ApiException.conflict("Another question is already titled '" + title
          + "' (titles are compared without regard to case)."));
      }
      return Future.failedFuture(ApiException.conflict("The question conflicts with an existing one: " + pg.getDetail()));
    }
    return Future.failedFuture(e);
  }
}
