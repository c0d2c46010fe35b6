package peerprep.history;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every SQL statement about attempts: recording them once, reading one, listing a user's. */
public final class AttemptRepository {
  private static final String PARTICIPANT_ARRAYS = """
    ARRAY(SELECT p.user_id FROM attempt_participants p WHERE p.session_id = a.session_id ORDER BY p.position) AS participant_ids,
    ARRAY(SELECT p.username FROM attempt_participants p WHERE p.session_id = a.session_id ORDER BY p.position) AS participant_names,
    ARRAY(SELECT p.display_name FROM attempt_participants p WHERE p.session_id = a.session_id ORDER BY p.position) AS participant_display_names""";
  private static final String INSERT_ATTEMPT = """
    INSERT INTO attempts (session_id, question_id, question_title, question_difficulty, question_topics, language,
      code, started_at, ended_at, end_reason, edit_count, edits_gz, runs, language_switches)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
    ON CONFLICT (session_id) DO NOTHING
    RETURNING session_id""";
  private static final String INSERT_PARTICIPANTS = """
    INSERT INTO attempt_participants (session_id, position, user_id, username, display_name)
    SELECT $1, g.position, CASE WHEN d.user_id IS NULL THEN g.user_id END,
      CASE WHEN d.user_id IS NULL THEN g.username ELSE 'deleted user' END,
      CASE WHEN d.user_id IS NULL THEN g.display_name END
    FROM (VALUES (0::smallint, $2::uuid, $3::text, $6::text), (1::smallint, $4::uuid, $5::text, $7::text))
      AS g (position, user_id, username, display_name)
    LEFT JOIN deleted_users d ON d.user_id = g.user_id""";
  private static final String FIND = """
    SELECT a.session_id, a.question_id, a.question_title, a.question_difficulty, a.question_topics, a.language, a.code,
      a.started_at, a.ended_at, a.end_reason, a.edit_count, a.runs, a.language_switches, t.messages, """ + PARTICIPANT_ARRAYS
    + " FROM attempts a LEFT JOIN transcripts t ON t.session_id = a.session_id WHERE a.session_id = $1";
  private static final String FIND_LOG = "SELECT a.edits_gz, a.language, a.runs, a.language_switches, " + PARTICIPANT_ARRAYS + " FROM attempts a WHERE a.session_id = $1";
  private static final String MINE = """
    FROM attempt_participants p
    JOIN attempts a ON a.session_id = p.session_id
    JOIN attempt_participants o ON o.session_id = p.session_id AND o.position <> p.position
    WHERE p.user_id = $1
      AND ($2::text IS NULL OR $2::text = ANY (a.question_topics))
      AND ($3::text IS NULL OR a.question_difficulty = $3::text)
      AND ($4::timestamptz IS NULL OR a.ended_at >= $4::timestamptz)
      AND ($5::timestamptz IS NULL OR a.ended_at < $5::timestamptz)
    """;
  private static final String LIST = """
    SELECT a.session_id, a.question_id, a.question_title, a.question_difficulty, a.question_topics, a.language,
      a.started_at, a.ended_at, a.end_reason, o.user_id AS partner_id, o.username AS partner_username,
      o.display_name AS partner_display_name
    """ + MINE + " ORDER BY a.ended_at DESC, a.session_id LIMIT $6 OFFSET $7";
  private static final String COUNT = "SELECT count(*) AS total " + MINE;
  private static final String QUESTION_IDS = """
    SELECT DISTINCT a.question_id FROM attempt_participants p JOIN attempts a ON a.session_id = p.session_id
    WHERE p.user_id = $1 ORDER BY a.question_id""";
  private static final String QUESTION_IDS_OF_USERS = """
    SELECT DISTINCT a.question_id FROM attempt_participants p JOIN attempts a ON a.session_id = p.session_id
    WHERE p.user_id = ANY($1) ORDER BY a.question_id""";

  private final Pool pool;

  public AttemptRepository(Pool pool) {
    this.pool = pool;
  }

  /** The participants of a stored edit log and the log itself, still compressed. */
  public record StoredLog(List<Participant> participants, Buffer compressed, String language, JsonArray runs,
                          JsonArray languageSwitches) {
  }

  /** Stores the attempt unless its session is stored already; true when this call stored it. */
  public Future<Boolean> record(NewAttempt a, Buffer compressedEdits) {
    Tuple attempt = Tuple.from(new Object[]{a.sessionId(), a.question().id(), a.question().title(),
      a.question().difficulty(), a.question().topics().toArray(String[]::new), a.language(), a.code(),
      a.startedAt(), a.endedAt(), a.endReason(), a.edits().size(), compressedEdits, a.runs().stored(),
      a.languageSwitches().stored()});
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT_ATTEMPT).execute(attempt)
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false) : insertParticipants(conn, a).map(true)));
  }

  private static Future<RowSet<Row>> insertParticipants(SqlConnection conn, NewAttempt a) {
    Participant first = a.participants().get(0);
    Participant second = a.participants().get(1);
    return conn.preparedQuery(INSERT_PARTICIPANTS)
      .execute(Tuple.of(a.sessionId(), first.id(), first.username(), second.id(), second.username(), first.displayName())
        .addString(second.displayName()));
  }

  /** The attempt with its transcript, or null when none has this session id. */
  public Future<Attempt> find(UUID sessionId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(sessionId))
      .map(rows -> rows.size() == 0 ? null : Attempt.fromRow(rows.iterator().next()));
  }

  public Future<StoredLog> findLog(UUID sessionId) {
    return pool.preparedQuery(FIND_LOG).execute(Tuple.of(sessionId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new StoredLog(Attempt.participants(row), row.getBuffer("edits_gz"), row.getString("language"),
        (JsonArray) row.getJson("runs"), (JsonArray) row.getJson("language_switches"));
    });
  }

  /** One page of the user's attempts, newest first, with the total the filter matches. */
  public Future<JsonObject> list(UUID userId, AttemptFilter f) {
    Tuple where = Tuple.of(userId, f.topic(), f.difficulty(), f.endedFrom(), f.endedBefore());
    Tuple page = Tuple.of(userId, f.topic(), f.difficulty(), f.endedFrom(), f.endedBefore(), f.size())
      .addInteger(f.offset());
    Future<RowSet<Row>> items = pool.preparedQuery(LIST).execute(page);
    Future<RowSet<Row>> count = pool.preparedQuery(COUNT).execute(where);
    return Future.all(items, count).map(done -> new JsonObject()
      .put("items", new JsonArray(rowsOf(items.result()).stream().map(r -> AttemptSummary.fromRow(r).toJson()).toList()))
      .put("page", f.page())
      .put("size", f.size())
      .put("total", count.result().iterator().next().getLong("total")));
  }

  public Future<List<String>> attemptedQuestionIds(UUID userId) {
    return pool.preparedQuery(QUESTION_IDS).execute(Tuple.of(userId))
      .map(rows -> rowsOf(rows).stream().map(r -> r.getString("question_id")).toList());
  }

  /** The questions any of the users attempted, in one query (a pair's exclusions take one connection). */
  public Future<List<String>> attemptedQuestionIds(List<UUID> userIds) {
    return pool.preparedQuery(QUESTION_IDS_OF_USERS).execute(Tuple.of(userIds.toArray(UUID[]::new)))
      .map(rows -> rowsOf(rows).stream().map(r -> r.getString("question_id")).toList());
  }

  private static List<Row> rowsOf(RowSet<Row> rows) {
    List<Row> out = new ArrayList<>(rows.size());
    rows.forEach(out::add);
    return out;
  }
}
