package peerprep.matching.queue;

import io.vertx.core.json.JsonObject;

import java.util.Set;

/** The frames that tell a user what became of their request, as the queue stores and publishes them. */
public final class Events {
  /** Frame types after which a request is over. */
  static final Set<String> FINAL = Set.of("matched", "timeout", "cancelled", "superseded", "lost");

  private Events() {
  }

  public static JsonObject relaxed(String requestId) {
    return new JsonObject().put("type", "relaxed").put("requestId", requestId).put("difficulty", "any");
  }

  public static JsonObject matching(String requestId) {
    return new JsonObject().put("type", "matching").put("requestId", requestId);
  }

  /** The request no longer exists (the queue lost its data): the user has to ask again. */
  public static JsonObject lost(String requestId) {
    return new JsonObject().put("type", "lost").put("requestId", requestId)
      .put("detail", "Your match request was lost by the server; ask for a match again.");
  }

  public static JsonObject cancelled(String requestId) {
    return new JsonObject().put("type", "cancelled").put("requestId", requestId);
  }

  public static JsonObject matched(String requestId, Pairing p, Pairing.Side partner, String sessionId,
                                   JsonObject question, String language) {
    return new JsonObject().put("type", "matched").put("requestId", requestId).put("matchId", p.matchId())
      .put("sessionId", sessionId)
      .put("partner", new JsonObject().put("id", partner.userId()).put("username", partner.username()))
      .put("question", question).put("language", language).put("topic", p.topic()).put("relaxed", p.relaxed());
  }

  /**
   * The frame as the user is shown it: the queue's functions write no sentences, only a {@code words}
   * object (a reason and its facts), which becomes the frame's {@code detail} here.
   */
  public static JsonObject worded(JsonObject stored) {
    JsonObject words = stored.getJsonObject("words");
    if (words == null) {
      return stored;
    }
    JsonObject frame = stored.copy();
    frame.remove("words");
    return frame.put("detail", detail(words));
  }

  private static String detail(JsonObject words) {
    String reason = words.getString("reason", "");
    return switch (reason) {
      case "superseded" -> "You asked for a new match somewhere else; this request was replaced.";
      case "no-partner" -> "No partner was found for " + words.getString("topic") + " (" + words.getString("difficulty")
        + ") within " + words.getLong("timeoutMs", 0L) / 1000 + " seconds. Try again, or pick another topic.";
      case "not-prepared" -> "A partner was found, but the session could not be prepared before the time limit. "
        + "Try again in a moment.";
      case "requeued" -> "A partner was found, but the session could not be prepared"
        + (words.getString("cause") == null ? "" : " (" + words.getString("cause") + ")")
        + ". You are back at the front of the queue.";
      default -> "Your match request changed (" + reason + ").";
    };
  }

  /** Whether the frame ends the request it is about. */
  public static boolean isFinal(JsonObject frame) {
    String type = frame.getString("type");
    return FINAL.contains(type) || "error".equals(type) && frame.containsKey("requestId");
  }
}
