package peerprep.question;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import peerprep.common.vocab.Difficulty;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A stored question with everything a session needs to show it. */
public record Question(UUID id, String slug, String title, String description, List<String> topics,
                       Difficulty difficulty, JsonArray examples, List<String> constraints, List<String> hints,
                       JsonObject starterCode, int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static Question fromRow(Row row) {
    return new Question(
      row.getUUID("id"),
      row.getString("slug"),
      row.getString("title"),
      row.getString("description"),
      Arrays.asList(row.getArrayOfStrings("topics")),
      Difficulty.fromLabel(row.getString("difficulty")),
      (JsonArray) row.getValue("examples"),
      Arrays.asList(row.getArrayOfStrings("constraints")),
      Arrays.asList(row.getArrayOfStrings("hints")),
      (JsonObject) row.getValue("starter_code"),
      row.getInteger("version"),
      row.getOffsetDateTime("created_at"),
      row.getOffsetDateTime("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id.toString())
      .put("slug", slug)
      .put("title", title)
      .put("description", description)
      .put("topics", new JsonArray(topics))
      .put("difficulty", difficulty.label())
      .put("examples", examples)
      .put("constraints", new JsonArray(constraints))
      .put("hints", new JsonArray(hints))
      .put("starterCode", starterCode)
      .put("version", version)
      .put("createdAt", createdAt.toInstant().toString())
      .put("updatedAt", updatedAt.toInstant().toString());
  }
}
