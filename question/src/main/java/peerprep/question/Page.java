package peerprep.question;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * One page of a listing: the cursor of the next page when more follow, the page number when the request
 * asked by number (0 otherwise), and the number of matching questions when it is kept (null otherwise).
 */
public record Page(List<QuestionSummary> items, int page, int size, Long total, Cursor next) {

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(item.toJson()));
    JsonObject json = new JsonObject().put("items", array).put("size", size).put("hasMore", next != null);
    if (next != null) {
      json.put("next", next.encode());
    }
    if (page > 0) {
      json.put("page", page);
    }
    if (total != null) {
      json.put("total", total);
    }
    return json;
  }
}
