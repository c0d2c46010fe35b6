package peerprep.collab.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.collab.session.Participant;

import java.util.List;

/** The JSON frames the server sends on a session's WebSocket. */
final class Frames {
  static final short GOING_AWAY = 1001;
  static final short MALFORMED = 4400;
  static final short UNKNOWN_SESSION = 4404;
  static final short ENDED = 4409;
  static final short TOO_LARGE = 4413;
  static final short RATE_LIMITED = 4429;

  private Frames() {
  }

  /**
   * Updates from {@code version}: the stored log entries as they are ({@code v}, {@code t}, {@code user},
   * {@code clientID}, {@code changes}), so that neither the live path nor catch-up re-encodes them.
   */
  static String updates(int version, List<String> entries) {
    return "{\"type\":\"updates\",\"version\":" + version + ",\"updates\":[" + String.join(",", entries) + "]}";
  }

  static String snapshot(int version, String doc) {
    return new JsonObject().put("type", "snapshot").put("version", version).put("doc", doc).encode();
  }

  static String accepted(int version) {
    return "{\"type\":\"accepted\",\"version\":" + version + "}";
  }

  static String conflict(int version) {
    return "{\"type\":\"conflict\",\"version\":" + version + "}";
  }

  static String error(String code, String message) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message).encode();
  }

  static String cursor(Participant user, JsonObject selection) {
    return new JsonObject().put("type", "cursor").put("user", user.toJson()).put("selection", selection).encode();
  }

  static String language(String language, Participant by) {
    return new JsonObject().put("type", "language").put("language", language).put("by", by.toJson()).encode();
  }

  static String ended(String reason, String endedAt, Participant by) {
    return new JsonObject().put("type", "ended").put("reason", reason).put("endedAt", endedAt)
      .put("by", by == null ? null : by.toJson()).encode();
  }

  static String pong() {
    return "{\"type\":\"pong\"}";
  }

  static String welcome(JsonObject session, String mode, int version, JsonArray participants, Participant you) {
    return session.copy().put("type", "welcome").put("mode", mode).put("version", version)
      .put("you", you.toJson()).put("participants", participants).encode();
  }
}
