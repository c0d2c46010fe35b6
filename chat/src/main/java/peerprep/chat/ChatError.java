package peerprep.chat;

/** The codes of the chat's error frames, as clients read them. */
enum ChatError {
  FRAME_TOO_LARGE("frame_too_large"),
  BAD_JSON("bad_json"),
  BAD_FRAME("bad_frame"),
  UNKNOWN_TYPE("unknown_type"),
  EMPTY_MESSAGE("empty_message"),
  MESSAGE_TOO_LONG("message_too_long"),
  UNSTORABLE_TEXT("unstorable_text"),
  BINARY_NOT_SUPPORTED("binary_not_supported"),
  RATE_LIMITED("rate_limited"),
  NOT_SAVED("not_saved"),
  SESSION_ENDED("session_ended"),
  SESSION_GONE("session_gone");

  private final String wire;

  ChatError(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }
}
