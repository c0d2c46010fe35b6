package peerprep.question;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import peerprep.common.vocab.Difficulty;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A question as a list shows it: no description or code, so a page stays small. */
public record QuestionSummary(UUID id, String slug, String title, Difficulty difficulty, List<String> topics,
                              int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static QuestionSummary fromRow(Row row) {
    return new QuestionSummary(
      row.getUUID("id"),
      row.getString("slug"),
      row.getString("title"),
      Difficulty.fromLabel(row.getString("difficulty")),
      Arrays.asList(row.getArrayOfStrings("topics")),
      row.getInteger("version"),
      row.getOffsetDateTime("created_at"),
      row.getOffsetDateTime("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id.toString())
      .put("slug", slug)
      .put("title", title)
      .put("difficulty", difficulty.label())
      .put("topics", new JsonArray(topics))
      .put("version", version)
      .put("createdAt", createdAt.toInstant().toString())
      .put("updatedAt", updatedAt.toInstant().toString());
  }
}
