package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import peerprep.common.vocab.Difficulty;

import java.util.List;
import java.util.Locale;

/** The question of an attempt as it was when the session ran; topics are kept as lower-case slugs. */
public record QuestionSummary(String id, String title, String difficulty, List<String> topics) {

  static QuestionSummary fromJson(Fields q) {
    return new QuestionSummary(q.text("id"), q.text("title"),
      Difficulty.parse(q.text("difficulty"), "field '" + q.name("difficulty") + "'").label(),
      q.texts("topics").stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).distinct().toList());
  }

  static QuestionSummary fromRow(Row row) {
    return new QuestionSummary(row.getString("question_id"), row.getString("question_title"),
      row.getString("question_difficulty"), List.of(row.getArrayOfStrings("question_topics")));
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("title", title).put("difficulty", difficulty)
      .put("topics", new JsonArray(topics));
  }
}
