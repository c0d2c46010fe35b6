package peerprep.chat;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Instant;

/** One stored chat message; its id is the stream entry id, so its order is the same for every reader. */
record ChatMessage(String id, String user, String username, String text, Instant at) {

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
    return new ChatMessage(id, user, username, text, StreamIds.time(id));
  }

  /** A {@code message} event as the send script published it. */
  static ChatMessage fromEvent(JsonObject event) {
    String id = event.getString("id");
    return new ChatMessage(id, event.getString("user"), event.getString("username"), event.getString("text"),
      StreamIds.time(id));
  }

  /** The message as clients and the history service see it. */
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("user", user).put("username", username).put("text", text)
      .put("at", at.toString());
  }

  /** The frame that delivers it on a socket. */
  JsonObject toFrame() {
    return toJson().put("type", "message");
  }
}
