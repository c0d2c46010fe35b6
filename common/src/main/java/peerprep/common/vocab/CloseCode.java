package peerprep.common.vocab;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a server closes a WebSocket: the standard codes of RFC 6455 the services use, and the application's
 * own in the 4000–4999 range, modelled on HTTP statuses where one fits (4404 not found, 4429 too many).
 * Every real-time service closes with these, so the web app reacts to one set.
 */
public enum CloseCode {
  /** The conversation is over. */
  NORMAL(1000, "closed"),
  /** The server is stopping; reconnect. */
  GOING_AWAY(1001, "server stopping"),
  /** The client broke a rule of the protocol, such as falling too far behind. */
  POLICY(1008, "policy violation"),
  /** A frame was longer than the socket accepts. */
  TOO_BIG(1009, "frame too large"),
  /** The server cannot serve the socket right now. */
  UNAVAILABLE(1011, "service unavailable"),
  /** The server is overloaded; reconnect later. */
  TRY_AGAIN_LATER(1013, "try again later"),
  /** A newer connection of the same user took over. */
  SUPERSEDED(4001, "superseded"),
  /** The client sent something that is not the protocol. */
  MALFORMED(4400, "malformed"),
  /** The user's token was revoked; sign in again before reconnecting. */
  REVOKED(4401, "token revoked"),
  /** The session does not exist (any more). */
  UNKNOWN_SESSION(4404, "unknown session"),
  /** No heartbeat arrived within the deadline. */
  NO_HEARTBEAT(4408, "no heartbeat"),
  /** The session has ended. */
  ENDED(4409, "session ended"),
  /** The content grew past its limit. */
  TOO_LARGE(4413, "too large"),
  /** The client sent more than its rate allows. */
  RATE_LIMITED(4429, "rate limited");

  private final short code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = (short) code;
    this.reason = reason;
  }

  /** The status code sent in the close frame. */
  public short code() {
    return code;
  }

  /** A short default reason for the close frame. */
  public String reason() {
    return reason;
  }

  /** The close code of a status code, or empty for one the services do not send. */
  public static Optional<CloseCode> of(int code) {
    return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
  }
}
