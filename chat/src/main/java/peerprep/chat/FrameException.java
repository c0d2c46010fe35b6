package peerprep.chat;

/** A client frame the socket refuses; answered with an error frame carrying the code, never a closed socket. */
final class FrameException extends RuntimeException {
  private final String code;
  private final String clientMsgId;

  FrameException(String code, String message, String clientMsgId) {
    super(message, null, false, false);
    this.code = code;
    this.clientMsgId = clientMsgId;
  }

  String code() {
    return code;
  }

  String clientMsgId() {
    return clientMsgId;
  }
}
