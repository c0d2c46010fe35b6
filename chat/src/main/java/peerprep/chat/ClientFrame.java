package peerprep.chat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import peerprep.common.text.StorableText;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** A validated frame from a client: {@code message} (with its text), {@code typing} or {@code ping}. */
record ClientFrame(String type, String text, String clientMsgId) {
  static final int MAX_FRAME_BYTES = 8 * 1024;
  /** Counted in UTF-16 units, as browsers count a string's length and as the history service checks transcripts. */
  static final int MAX_TEXT_CHARS = 2_000;
  private static final int MAX_CLIENT_ID_CHARS = 64;
  private static final Set<String> TYPES = Set.of("message", "typing", "ping");

  static ClientFrame parse(String raw) {
    if (raw.length() > MAX_FRAME_BYTES || raw.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
      throw new FrameException("frame_too_large", "Frames may be at most " + MAX_FRAME_BYTES + " bytes.", null);
    }
    JsonObject json = object(raw);
    String clientMsgId = clientMsgId(json);
    Object type = json.getValue("type");
    if (!(type instanceof String t) || t.isBlank()) {
      throw new FrameException("bad_frame", "Every frame needs a string 'type'.", clientMsgId);
    }
    if (!TYPES.contains(t)) {
      throw new FrameException("unknown_type", "Unknown frame type '" + abbreviate(t) + "'; send message, typing or ping.", clientMsgId);
    }
    return new ClientFrame(t, "message".equals(t) ? text(json, clientMsgId) : null, clientMsgId);
  }

  private static JsonObject object(String raw) {
    Object parsed;
    try {
      parsed = Json.decodeValue(raw);
    } catch (DecodeException e) {
      throw new FrameException("bad_json", "The frame is not valid JSON.", null);
    }
    if (!(parsed instanceof JsonObject json)) {
      throw new FrameException("bad_frame", "A frame must be a JSON object.", null);
    }
    return json;
  }

  private static String clientMsgId(JsonObject json) {
    Object id = json.getValue("clientMsgId");
    if (id == null) {
      return null;
    }
    if (!(id instanceof String s) || s.length() > MAX_CLIENT_ID_CHARS) {
      throw new FrameException("bad_frame", "'clientMsgId' must be a string of at most " + MAX_CLIENT_ID_CHARS + " characters.", null);
    }
    return s;
  }

  private static String text(JsonObject json, String clientMsgId) {
    Object value = json.getValue("text");
    if (value != null && !(value instanceof String)) {
      throw new FrameException("bad_frame", "'text' must be a string.", clientMsgId);
    }
    String text = value == null ? "" : ((String) value).strip();
    if (text.isEmpty()) {
      throw new FrameException("empty_message", "A message needs some text.", clientMsgId);
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new FrameException("message_too_long", "A message may be at most " + MAX_TEXT_CHARS + " characters; this one has "
        + text.length() + ".", clientMsgId);
    }
    String unstorable = StorableText.findInJson(text, "text");
    if (unstorable != null) {
      throw new FrameException("unstorable_text", unstorable + " The message was not saved.", clientMsgId);
    }
    return text;
  }

  private static String abbreviate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "…";
  }
}
