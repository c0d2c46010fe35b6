package peerprep.chat;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

/** One stored chat message; its id is the stream entry id, so its order is the same for every reader. */
record ChatMessage(String id, String user, String username, String text) {

  /** An entry of a session's stream: {@code [id, [field, value, ...]]}. */
  static ChatMessage fromEntry(Response entry) {
    String id = entry.get(0).toString();
    Response fields = entry.get(1);
    String user = null;
    String username = null;
    String text = null;
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      String value = fields.get(i + 1).toString();
      switch (fields.get(i).toString()) {
        case "user" -> user = value;
        case "name" -> username = value;
        case "text" -> text = value;
        default -> {
        }
      }
    }
    return new ChatMessage(id, user, username, text);
  }

  /** The message as clients and the history service see it. */
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("user", user).put("username", username).put("text", text)
      .put("at", StreamIds.at(id));
  }
}
