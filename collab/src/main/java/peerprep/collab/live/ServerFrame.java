package peerprep.collab.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.collab.session.Participant;
import peerprep.common.vocab.SocketError;

import java.util.List;

/** A frame the server sends on a session's WebSocket; {@link #encode} gives its JSON text, written once. */
sealed interface ServerFrame {
  /** The frame as JSON text. */
  String encode();

  /** The session's state on joining; {@code mode} says what follows: current, catch-up or snapshot. */
  record Welcome(JsonObject session, String mode, int version, JsonArray participants, Participant you)
    implements ServerFrame {
    @Override
    public String encode() {
      return session.copy().put("type", "welcome").put("mode", mode).put("version", version)
        .put("you", you.toJson()).put("participants", participants).encode();
    }
  }

  /** The whole text at {@code version}. */
  record Snapshot(int version, String doc) implements ServerFrame {
    @Override
    public String encode() {
      return new JsonObject().put("type", "snapshot").put("version", version).put("doc", doc).encode();
    }
  }

  /**
   * Updates from {@code version}: the stored log entries as they are ({@code v}, {@code t}, {@code user},
   * {@code clientID}, {@code changes}), so that neither the live path nor catch-up re-encodes them.
   */
  record Updates(int version, List<String> entries) implements ServerFrame {
    @Override
    public String encode() {
      return "{\"type\":\"updates\",\"version\":" + version + ",\"updates\":[" + String.join(",", entries) + "]}";
    }
  }

  /** The sender's push is stored; the text is now at {@code version}. */
  record Accepted(int version) implements ServerFrame {
    @Override
    public String encode() {
      return "{\"type\":\"accepted\",\"version\":" + version + "}";
    }
  }

  /** The sender's push was made on an old version; the session is at {@code version}. */
  record Conflict(int version) implements ServerFrame {
    @Override
    public String encode() {
      return "{\"type\":\"conflict\",\"version\":" + version + "}";
    }
  }

  /** A message that was not applied, named by {@code code} (an {@link ErrorCode}). */
  record ErrorFrame(ErrorCode code, String message) implements ServerFrame {
    @Override
    public String encode() {
      return new JsonObject().put("type", "error").put("code", code.wire()).put("message", message).encode();
    }
  }

  /** Where a participant's selection is. */
  record Cursor(Participant user, JsonObject selection) implements ServerFrame {
    @Override
    public String encode() {
      return new JsonObject().put("type", "cursor").put("user", user.toJson()).put("selection", selection).encode();
    }
  }

  /** The session's language changed. */
  record Language(String language, Participant by) implements ServerFrame {
    @Override
    public String encode() {
      return new JsonObject().put("type", "language").put("language", language).put("by", by.toJson()).encode();
    }
  }

  /** The session ended; {@code by} is null unless a participant ended it. */
  record Ended(String reason, String endedAt, Participant by) implements ServerFrame {
    @Override
    public String encode() {
      return new JsonObject().put("type", "ended").put("reason", reason).put("endedAt", endedAt)
        .put("by", by == null ? null : by.toJson()).encode();
    }
  }

  /** The answer to a ping. */
  record Pong() implements ServerFrame {
    @Override
    public String encode() {
      return "{\"type\":\"pong\"}";
    }
  }

  /**
   * The codes of error frames, as the client reads them: those every real-time service shares come from
   * {@link SocketError}, the rest are the editor protocol's own.
   */
  enum ErrorCode {
    BAD_MESSAGE("bad-message"), HELLO_FIRST("hello-first"), UNSTORABLE_TEXT(SocketError.UNSTORABLE_TEXT.code()),
    INVALID_CHANGE("invalid-change"), CHANGE_TOO_LARGE("change-too-large"), DOC_TOO_LARGE("doc-too-large"),
    SESSION_FULL("session-full"), RATE_LIMITED(SocketError.RATE_LIMITED.code()),
    UNAVAILABLE(SocketError.UNAVAILABLE.code());

    private final String wire;

    ErrorCode(String wire) {
      this.wire = wire;
    }

    String wire() {
      return wire;
    }
  }
}
