package peerprep.question;

import io.vertx.sqlclient.Tuple;
import peerprep.common.vocab.Difficulty;

import java.util.ArrayList;
import java.util.List;

/**
 * The statement behind one listing page. The page's ids come from the narrowest index that serves the
 * filters, walked in the listing's order from the cursor and stopped one item past the page (so the
 * caller knows whether more follow); only those rows are then read whole.
 */
public final class ListStatement {
  static final String SUMMARY = "id, slug, title, title_key, difficulty::text AS difficulty, topics, version,"
    + " created_at, updated_at";
  private final ListQuery q;
  private final List<Object> args = new ArrayList<>();

  private ListStatement(ListQuery q) {
    this.q = q;
  }

  /** The SQL with {@code $n} parameters and their values. */
  public record Statement(String sql, Tuple args) {
  }

  public static Statement of(ListQuery q) {
    ListStatement s = new ListStatement(q);
    String ids = q.topics().isEmpty() || q.searchQuery() != null ? s.fromQuestions() : s.fromTopics();
    String sql = "SELECT " + SUMMARY + " FROM questions WHERE id IN (" + ids + ") ORDER BY " + s.order("questions.", "id");
    return new Statement(sql, Tuple.from(s.args));
  }

  /** Searches, and lists without a topic, walk the questions' own sort indexes. */
  private String fromQuestions() {
    List<String> where = new ArrayList<>();
    if (!q.topics().isEmpty()) {
      where.add("topics && " + bind(q.topics().toArray(String[]::new)) + "::text[]");
    }
    difficulties(where);
    if (q.searchQuery() != null) {
      where.add("search @@ to_tsquery('english', " + bind(q.searchQuery()) + ")");
    }
    keyset(where, "id");
    return "SELECT id FROM questions" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
      + " ORDER BY " + order("", "id") + " LIMIT " + bind(q.size() + 1) + " OFFSET " + bind(q.offset());
  }

  /**
   * A topic filter walks each topic's index range from the cursor and merges them; a question with several
   * of the topics appears once. The first items of the merge are among the first items of each topic.
   */
  private String fromTopics() {
    String topics = bind(q.topics().toArray(String[]::new));
    List<String> where = new ArrayList<>(List.of("topic = f.topic"));
    difficulties(where);
    keyset(where, "question_id");
    String perTopic = "SELECT question_id, " + sortColumns() + " FROM question_topics WHERE "
      + String.join(" AND ", where) + " ORDER BY " + order("", "question_id") + " LIMIT " + bind(q.offset() + q.size() + 1);
    return "SELECT question_id FROM (SELECT DISTINCT p.* FROM unnest(" + topics + "::text[]) AS f (topic)"
      + " CROSS JOIN LATERAL (" + perTopic + ") AS p ORDER BY " + order("", "question_id")
      + " LIMIT " + bind(q.size() + 1) + " OFFSET " + bind(q.offset()) + ") AS page";
  }

  private void difficulties(List<String> where) {
    if (!q.difficulties().isEmpty()) {
      String labels = bind(q.difficulties().stream().map(Difficulty::label).toArray(String[]::new));
      where.add("difficulty = ANY(" + labels + "::text[]::question_difficulty[])");
    }
  }

  /** Rows strictly after the cursor's key in the listing's order (a row comparison the index can start from). */
  private void keyset(List<String> where, String id) {
    Cursor after = q.after();
    if (after == null) {
      return;
    }
    List<String> values = new ArrayList<>();
    for (Object value : after.key()) {
      values.add(bind(value));
    }
    if (q.sort() == ListQuery.Sort.DIFFICULTY) {
      values.set(0, values.get(0) + "::text::question_difficulty");
    }
    where.add("(" + keys(id) + ") " + (q.descending() ? "<" : ">") + " (" + String.join(", ", values) + ")");
  }

  private String sortColumns() {
    return switch (q.sort()) {
      case TITLE -> "title_key";
      case DIFFICULTY -> "difficulty, title_key";
      case CREATED_AT -> "created_at";
      case UPDATED_AT -> "updated_at";
    };
  }

  private String keys(String id) {
    return switch (q.sort()) {
      case TITLE -> "title_key";
      case DIFFICULTY -> "difficulty, title_key";
      case CREATED_AT -> "created_at, " + id;
      case UPDATED_AT -> "updated_at, " + id;
    };
  }

  private String order(String table, String id) {
    String dir = q.descending() ? " DESC" : " ASC";
    return switch (q.sort()) {
      case TITLE -> table + "title_key" + dir;
      case DIFFICULTY -> table + "difficulty" + dir + ", " + table + "title_key" + dir;
      case CREATED_AT -> table + "created_at" + dir + ", " + table + id + dir;
      case UPDATED_AT -> table + "updated_at" + dir + ", " + table + id + dir;
    };
  }

  private String bind(Object value) {
    args.add(value);
    return "$" + args.size();
  }
}
