package peerprep.question;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** One page of a listing and the number of questions that match its filters. */
public record Page(List<QuestionSummary> items, int page, int size, long total) {

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(item.toJson()));
    return new JsonObject().put("items", array).put("page", page).put("size", size).put("total", total);
  }
}
