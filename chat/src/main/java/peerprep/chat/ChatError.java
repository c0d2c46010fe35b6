package peerprep.chat;

import peerprep.common.vocab.SocketError;

/**
 * The codes of the chat's error frames: the shared {@link SocketError} names, and two of the chat's own
 * about a message's text, spelled the same way.
 */
enum ChatError {
  FRAME_TOO_LARGE(SocketError.FRAME_TOO_LARGE),
  BAD_JSON(SocketError.MALFORMED),
  BAD_FRAME(SocketError.MALFORMED),
  UNKNOWN_TYPE(SocketError.UNKNOWN_TYPE),
  EMPTY_MESSAGE("empty-message"),
  MESSAGE_TOO_LONG("message-too-long"),
  UNSTORABLE_TEXT(SocketError.UNSTORABLE_TEXT),
  BINARY_NOT_SUPPORTED(SocketError.BINARY_NOT_SUPPORTED),
  RATE_LIMITED(SocketError.RATE_LIMITED),
  NOT_SAVED(SocketError.NOT_SAVED),
  SESSION_ENDED(SocketError.SESSION_ENDED),
  SESSION_GONE(SocketError.SESSION_GONE);

  private final String wire;

  ChatError(SocketError shared) {
    this.wire = shared.code();
  }

  ChatError(String own) {
    this.wire = own;
  }

  /** The code as the frame carries it. */
  String wire() {
    return wire;
  }
}
