package peerprep.collab.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The close codes of a session's WebSocket, and reading the changes out of an updates frame. */
final class Frames {
  static final short GOING_AWAY = 1001;
  static final short MALFORMED = 4400;
  static final short UNKNOWN_SESSION = 4404;
  static final short ENDED = 4409;
  static final short TOO_LARGE = 4413;
  static final short RATE_LIMITED = 4429;

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
