package peerprep.common.vocab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code code} of an {@code error} frame on a WebSocket, spelled in lower case with hyphens, the way
 * problem types and the rest of the API spell names. The frame's other fields (a detail a person can read,
 * a retry delay) belong to the service that sends it.
 */
public enum SocketError {
  /** The frame is not JSON or lacks a field the protocol needs. */
  MALFORMED("malformed"),
  /** A binary frame where the protocol speaks text. */
  BINARY_NOT_SUPPORTED("binary-not-supported"),
  /** A frame of a type the server does not know. */
  UNKNOWN_TYPE("unknown-type"),
  /** A frame longer than the protocol allows. */
  FRAME_TOO_LARGE("frame-too-large"),
  /** More frames than the rate allows; the frame was ignored. */
  RATE_LIMITED("rate-limited"),
  /** Text PostgreSQL or Redis refuses (a NUL character, a lone surrogate). */
  UNSTORABLE_TEXT("unstorable-text"),
  /** The session has ended and is read-only. */
  SESSION_ENDED("session-ended"),
  /** The session no longer exists. */
  SESSION_GONE("session-gone"),
  /** The frame was understood but not stored; send it again. */
  NOT_SAVED("not-saved"),
  /** A store the service needs did not answer; try again. */
  UNAVAILABLE("unavailable");

  private final String code;

  SocketError(String code) {
    this.code = code;
  }

  /** The code as sent in the frame. */
  public String code() {
    return code;
  }

  /**
   * The error a code names. Codes are compared in lower case with {@code _} read as {@code -}, so a
   * frame from a client or log written before the spelling was unified still reads.
   */
  public static Optional<SocketError> of(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(e -> e.code.equals(wanted)).findFirst();
  }
}
