package peerprep.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.auth.Principal;

import java.util.Set;

/** The frames the server sends, built in one place so the protocol document has one source to match. */
final class ServerFrames {
  private ServerFrames() {
  }

  static JsonObject welcome(String sessionId, Principal you, boolean ended, Set<String> online) {
    return new JsonObject().put("type", "welcome").put("sessionId", sessionId)
      .put("you", new JsonObject().put("id", you.id()).put("username", you.username()))
      .put("status", ended ? "ended" : "active")
      .put("online", new JsonArray(online.stream().sorted().toList()));
  }

  static JsonObject synced(String lastId, int count) {
    return new JsonObject().put("type", "synced").put("lastId", StreamIds.ZERO.equals(lastId) ? null : lastId)
      .put("count", count);
  }

  static JsonObject ack(String clientMsgId, String id) {
    return new JsonObject().put("type", "ack").put("clientMsgId", clientMsgId).put("id", id)
      .put("at", StreamIds.time(id).toString());
  }

  static JsonObject typing(Principal who) {
    return new JsonObject().put("type", "typing").put("user", who.id()).put("username", who.username());
  }

  static JsonObject presence(Principal who, String state) {
    return new JsonObject().put("type", "presence").put("user", who.id()).put("username", who.username())
      .put("state", state);
  }

  static JsonObject ended(String sessionId) {
    return new JsonObject().put("type", "ended").put("sessionId", sessionId);
  }

  static JsonObject pong() {
    return new JsonObject().put("type", "pong");
  }

  static JsonObject error(String code, String message, String clientMsgId) {
    JsonObject frame = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (clientMsgId != null) {
      frame.put("clientMsgId", clientMsgId);
    }
    return frame;
  }

  static JsonObject rateLimited(long retryAfterMs, String clientMsgId) {
    return error("rate_limited", "Too many messages; wait " + retryAfterMs + " ms before sending again.", clientMsgId)
      .put("retryAfterMs", retryAfterMs);
  }
}
