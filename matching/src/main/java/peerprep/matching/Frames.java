package peerprep.matching;

import io.vertx.core.json.JsonObject;

import java.util.Set;

/** The status frames of the matching WebSocket (the queue script builds the ones it sends itself). */
final class Frames {
  /** Frame types after which a request is over. */
  static final Set<String> FINAL = Set.of("matched", "timeout", "cancelled", "superseded", "lost");

  private Frames() {
  }

  static JsonObject relaxed(String requestId) {
    return new JsonObject().put("type", "relaxed").put("requestId", requestId).put("difficulty", "any");
  }

  static JsonObject matching(String requestId) {
    return new JsonObject().put("type", "matching").put("requestId", requestId);
  }

  /** The request no longer exists (the queue lost its data): the user has to ask again. */
  static JsonObject lost(String requestId) {
    return new JsonObject().put("type", "lost").put("requestId", requestId)
      .put("detail", "Your match request was lost by the server; ask for a match again.");
  }

  /** The answer to a client's ping frame. */
  static JsonObject pong() {
    return new JsonObject().put("type", "pong");
  }

  static JsonObject cancelled(String requestId) {
    return new JsonObject().put("type", "cancelled").put("requestId", requestId);
  }

  static JsonObject matched(String requestId, Pairing p, Pairing.Side partner, String sessionId,
                            JsonObject question, String language) {
    return new JsonObject().put("type", "matched").put("requestId", requestId).put("matchId", p.matchId())
      .put("sessionId", sessionId)
      .put("partner", new JsonObject().put("id", partner.userId()).put("username", partner.username()))
      .put("question", question).put("language", language).put("topic", p.topic()).put("relaxed", p.relaxed());
  }

  static JsonObject error(String code, String detail) {
    return new JsonObject().put("type", "error").put("code", code).put("detail", detail);
  }

  /** Whether the frame ends the request it is about. */
  static boolean isFinal(JsonObject frame) {
    String type = frame.getString("type");
    return FINAL.contains(type) || "error".equals(type) && frame.containsKey("requestId");
  }
}
