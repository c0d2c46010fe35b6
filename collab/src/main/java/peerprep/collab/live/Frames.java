package peerprep.collab.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Reading the changes out of an updates frame. */
final class Frames {

  private Frames() {
  }

  /** The change sets of an updates frame, in version order. */
  static List<JsonArray> changesOf(String updatesFrame) {
    JsonArray updates = new JsonObject(updatesFrame).getJsonArray("updates");
    List<JsonArray> out = new ArrayList<>(updates.size());
    for (int i = 0; i < updates.size(); i++) {
      out.add(updates.getJsonObject(i).getJsonArray("changes"));
    }
    return out;
  }
}
