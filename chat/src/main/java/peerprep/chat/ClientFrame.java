package peerprep.chat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import peerprep.common.text.StorableText;

import java.nio.charset.StandardCharsets;

/** A validated frame from a client: a message to store, a typing signal, or a ping. */
sealed interface ClientFrame {
  int MAX_FRAME_BYTES = 8 * 1024;
  /** Counted in UTF-16 units, as browsers count a string's length and as the history service checks transcripts. */
  int MAX_TEXT_CHARS = 2_000;
  int MAX_CLIENT_ID_CHARS = 64;

  /** A message to store; the text is stripped of surrounding white space. */
  record Send(String text, String clientMsgId) implements ClientFrame {
  }

  /** The client's user is typing. */
  record Typing() implements ClientFrame {
  }

  /** The client asks for a pong. */
  record Ping() implements ClientFrame {
  }

  /** The frame in {@code raw}, or a {@link FrameException} that says what is wrong with it. */
  static ClientFrame parse(String raw) {
    if (raw.length() > MAX_FRAME_BYTES || raw.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
      throw new FrameException(ChatError.FRAME_TOO_LARGE, "Frames may be at most " + MAX_FRAME_BYTES + " bytes.", null);
    }
    JsonObject json = object(raw);
    String clientMsgId = clientMsgId(json);
    Object type = json.getValue("type");
    if (!(type instanceof String t) || t.isBlank()) {
      throw new FrameException(ChatError.BAD_FRAME, "Every frame needs a string 'type'.", clientMsgId);
    }
    return switch (t) {
      case "message" -> new Send(text(json, clientMsgId), clientMsgId);
      case "typing" -> new Typing();
      case "ping" -> new Ping();
      default -> throw new FrameException(ChatError.UNKNOWN_TYPE,
        "Unknown frame type '" + abbreviate(t) + "'; send message, typing or ping.", clientMsgId);
    };
  }

  private static JsonObject object(String raw) {
    Object parsed;
    try {
      parsed = Json.decodeValue(raw);
    } catch (DecodeException e) {
      throw new FrameException(ChatError.BAD_JSON, "The frame is not valid JSON.", null);
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new FrameException(ChatError.BAD_FRAME, "A frame must be a JSON object.", null);
    }
    return json;
  }

  private static String clientMsgId(JsonObject json) {
    Object id = json.getValue("clientMsgId");
    if (id == null) {
      return null;
    }
    if (!(id instanceof String s) || s.length() > MAX_CLIENT_ID_CHARS) {
      throw new FrameException(ChatError.BAD_FRAME,
        "'clientMsgId' must be a string of at most " + MAX_CLIENT_ID_CHARS + " characters.", null);
    }
    return s;
  }

  private static String text(JsonObject json, String clientMsgId) {
    Object value = json.getValue("text");
    if (value != null && !(value instanceof String)) {
      throw new FrameException(ChatError.BAD_FRAME, "'text' must be a string.", clientMsgId);
    }
    String text = value == null ? "" : ((String) value).strip();
    if (text.isEmpty()) {
      throw new FrameException(ChatError.EMPTY_MESSAGE, "A message needs some text.", clientMsgId);
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new FrameException(ChatError.MESSAGE_TOO_LONG, "A message may be at most " + MAX_TEXT_CHARS
        + " characters; this one has " + text.length() + ".", clientMsgId);
    }
    String unstorable = StorableText.findInJson(text, "text");
    if (unstorable != null) {
      throw new FrameException(ChatError.UNSTORABLE_TEXT, unstorable + " The message was not saved.", clientMsgId);
    }
    return text;
  }

  private static String abbreviate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "…";
  }
}
