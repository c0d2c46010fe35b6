package peerprep.chat;

import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.chat.ChatRepository.SendOutcome;
import peerprep.common.auth.Principal;
import peerprep.common.vocab.CloseCode;

/** What a client sends on its socket: a message to store, a typing signal, or a ping; anything else is an error frame. */
final class SocketInput {
  private static final Logger LOG = LoggerFactory.getLogger(SocketInput.class);
  /** Messages of one socket being stored at once; more are refused until some are acknowledged. */
  static final int MAX_IN_FLIGHT = 64;
  private static final long QUEUE_FULL_RETRY_MS = 1_000;
  private final ChatSocket socket;
  private final Principal principal;
  private final ChatContext chat;
  private final String frameHead;
  private int inFlight;
  private long lastTypingAt;
  /** Whether a message of this socket has set its stream's expiry, and when it was sent (monotonic ms). */
  private boolean expirySet;
  private long expirySetAt;

  SocketInput(ChatSocket socket, Principal principal, ChatContext chat) {
    this.socket = socket;
    this.principal = principal;
    this.chat = chat;
    this.frameHead = ChatRepository.frameHead(principal);
  }

  void onText(String raw) {
    socket.alive();
    ClientFrame frame;
    try {
      frame = ClientFrame.parse(raw);
    } catch (FrameException e) {
      socket.send(e.frame());
      return;
    }
    if (frame instanceof ClientFrame.Send send) {
      store(send);
    } else if (frame instanceof ClientFrame.Typing) {
      typing();
    } else {
      socket.send(new ServerFrame.Pong());
    }
  }

  void onBinary(Buffer data) {
    socket.send(new ServerFrame.Error(ChatError.BINARY_NOT_SUPPORTED, "Send frames as JSON text, not binary.", null));
  }

  /**
   * Stores the message without waiting for the socket's earlier ones: they all go out on the task's one
   * command connection, which keeps their order. A stored message is acknowledged when its event comes
   * back on the session's channel ({@link ChatSocket#deliver}); a refusal is answered here. The stream's
   * expiry is set by the socket's first stored message and then at most once per
   * {@link ChatRepository#EXPIRY_REFRESH_MS}, counted from a message that set it.
   */
  private void store(ClientFrame.Send frame) {
    if (socket.readOnly()) {
      socket.send(ended(frame));
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      socket.send(ServerFrame.Error.rateLimited(QUEUE_FULL_RETRY_MS, frame.clientMsgId()));
      return;
    }
    inFlight++;
    long sentAt = System.nanoTime() / 1_000_000;
    boolean setExpiry = !expirySet || sentAt - expirySetAt >= ChatRepository.EXPIRY_REFRESH_MS;
    chat.repository().send(socket.sessionId(), principal, frameHead, socket.connection(), frame.text(), frame.clientMsgId(),
        setExpiry)
      .onComplete(ar -> {
        inFlight--;
        if (ar.succeeded()) {
          if (setExpiry && ar.result() instanceof SendOutcome.Stored) {
            expirySet = true;
            expirySetAt = sentAt;
          }
          reply(ar.result(), frame);
        } else {
          LOG.warn("A message in session {} was not stored: {}", socket.sessionId(), ar.cause().getMessage());
          socket.send(new ServerFrame.Error(ChatError.NOT_SAVED, "The message was not saved; send it again.",
            frame.clientMsgId()));
        }
      });
  }

  private void reply(SendOutcome outcome, ClientFrame.Send frame) {
    if (outcome instanceof SendOutcome.Stored stored) {
      socket.stored(frame.clientMsgId(), stored.id());
    } else if (outcome instanceof SendOutcome.RateLimited limited) {
      socket.send(ServerFrame.Error.rateLimited(limited.retryAfterMs(), frame.clientMsgId()));
    } else if (outcome instanceof SendOutcome.Gone) {
      chat.directory().forget(socket.sessionId());
      socket.send(new ServerFrame.Error(ChatError.SESSION_GONE,
        "The session no longer exists; the message was not saved.", frame.clientMsgId()));
      socket.close(CloseCode.UNKNOWN_SESSION, "The session no longer exists; its messages were lost.");
    } else {
      socket.markReadOnly();
      socket.send(ended(frame));
    }
  }

  private void typing() {
    long now = System.currentTimeMillis();
    if (socket.readOnly() || now - lastTypingAt < chat.config().typingThrottleMs()) {
      return;
    }
    lastTypingAt = now;
    chat.repository().publishAbout(socket.sessionId(), principal.id(),
      new ServerFrame.Typing(principal.id(), principal.username()));
  }

  private static ServerFrame.Error ended(ClientFrame.Send frame) {
    return new ServerFrame.Error(ChatError.SESSION_ENDED, "The session has ended; its chat is read-only.",
      frame.clientMsgId());
  }
}
