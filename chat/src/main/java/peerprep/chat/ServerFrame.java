package peerprep.chat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.auth.Principal;

import java.util.Set;

/** A frame the server sends on a chat socket; each kind is one record, written as JSON by {@link #toJson}. */
sealed interface ServerFrame {
  /** The frame as it goes on the wire. */
  JsonObject toJson();

  /** The JSON text of the frame. */
  default String encode() {
    return toJson().encode();
  }

  /** First frame of a socket: who the client is, whether the session is still open, who is online. */
  record Welcome(String sessionId, Principal you, boolean ended, Set<String> online) implements ServerFrame {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "welcome").put("sessionId", sessionId)
        .put("you", new JsonObject().put("id", you.id()).put("username", you.username()))
        .put("status", ended ? "ended" : "active")
        .put("online", new JsonArray(online.stream().sorted().toList()));
    }
  }

  /** The backlog (or what was missed) has been sent; live messages follow. */
  record Synced(String lastId, int count) implements ServerFrame {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "synced").put("lastId", StreamIds.ZERO.equals(lastId) ? null : lastId)
        .put("count", count);
    }
  }

  /** The client's message was stored with this id; the sender gets this instead of a copy of the message. */
  record Ack(String clientMsgId, String id) implements ServerFrame {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "ack").put("clientMsgId", clientMsgId).put("id", id)
        .put("at", StreamIds.at(id));
    }

    @Override
    public String encode() {
      return encode(Json.encode(clientMsgId), id);
    }

    /**
     * The ack's JSON text from the client's id already written as JSON (as a published event carries it):
     * one concatenation per message, the same text as {@link #toJson}.
     */
    static String encode(String clientMsgIdJson, String id) {
      return "{\"type\":\"ack\",\"clientMsgId\":" + clientMsgIdJson + ",\"id\":\"" + id + "\",\"at\":\""
        + StreamIds.at(id) + "\"}";
    }
  }

  /** A stored message, as read back from the stream. */
  record Message(ChatMessage message) implements ServerFrame {
    @Override
    public JsonObject toJson() {
      return message.toJson().put("type", "message");
    }
  }

  /** The other participant is typing. */
  record Typing(String user, String username) implements ServerFrame {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "typing").put("user", user).put("username", username);
    }
  }

  /** A participant joined or left (their last connection to the session closed). */
  record Presence(String user, String username, boolean joined) implements ServerFrame {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "presence").put("user", user).put("username", username)
        .put("state", joined ? "joined" : "left");
    }
  }

  /** The session ended; the chat is read-only from now on. */
  record Ended(String sessionId) implements ServerFrame {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "ended").put("sessionId", sessionId);
    }
  }

  /** The answer to a ping. */
  record Pong() implements ServerFrame {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("type", "pong");
    }
  }

  /** A refused frame or message; {@code retryAfterMs} only when the client may send again later. */
  record Error(ChatError code, String message, String clientMsgId, Long retryAfterMs) implements ServerFrame {
    Error(ChatError code, String message, String clientMsgId) {
      this(code, message, clientMsgId, null);
    }

    static Error rateLimited(long retryAfterMs, String clientMsgId) {
      return new Error(ChatError.RATE_LIMITED, "Too many messages; wait " + retryAfterMs + " ms before sending again.",
        clientMsgId, retryAfterMs);
    }

    @Override
    public JsonObject toJson() {
      JsonObject frame = new JsonObject().put("type", "error").put("code", code.wire()).put("message", message);
      if (clientMsgId != null) {
        frame.put("clientMsgId", clientMsgId);
      }
      if (retryAfterMs != null) {
        frame.put("retryAfterMs", retryAfterMs);
      }
      return frame;
    }
  }
}
