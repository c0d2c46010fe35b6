package peerprep.chat;

/** A client frame the socket refuses; answered with an error frame carrying the code, never a closed socket. */
final class FrameException extends RuntimeException {
  private final ChatError code;
  private final String clientMsgId;

  FrameException(ChatError code, String message, String clientMsgId) {
    super(message, null, false, false);
    this.code = code;
    this.clientMsgId = clientMsgId;
  }

  /** The error frame that answers the refused frame. */
  ServerFrame.Error frame() {
    return new ServerFrame.Error(code, getMessage(), clientMsgId);
  }
}
