package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Principal;

/** What a client sends on its socket: a message to store, a typing signal, or a ping; anything else is an error frame. */
final class SocketInput {
  private static final Logger LOG = LoggerFactory.getLogger(SocketInput.class);
  private static final int MAX_QUEUED = 64;
  private static final long QUEUE_FULL_RETRY_MS = 1_000;
  private final ChatSocket socket;
  private final Principal principal;
  private final ChatContext chat;
  private Future<Void> sending = Future.succeededFuture();
  private int queued;
  private long lastTypingAt;

  SocketInput(ChatSocket socket, Principal principal, ChatContext chat) {
    this.socket = socket;
    this.principal = principal;
    this.chat = chat;
  }

  void onText(String raw) {
    socket.alive();
    ClientFrame frame;
    try {
      frame = ClientFrame.parse(raw);
    } catch (FrameException e) {
      socket.send(ServerFrames.error(e.code(), e.getMessage(), e.clientMsgId()));
      return;
    }
    switch (frame.type()) {
      case "message" -> store(frame);
      case "typing" -> typing();
      default -> socket.send(ServerFrames.pong());
    }
  }

  void onBinary(Buffer data) {
    socket.send(ServerFrames.error("binary_not_supported", "Send frames as JSON text, not binary.", null));
  }

  /** Sends of one socket are stored one after another, so a user's own messages keep the order they were typed in. */
  private void store(ClientFrame frame) {
    if (queued >= MAX_QUEUED) {
      socket.send(ServerFrames.rateLimited(QUEUE_FULL_RETRY_MS, frame.clientMsgId()));
      return;
    }
    queued++;
    sending = sending.eventually(() -> storeNow(frame).andThen(ar -> queued--));
  }

  private Future<Void> storeNow(ClientFrame frame) {
    if (socket.readOnly()) {
      socket.send(ended(frame));
      return Future.succeededFuture();
    }
    return chat.repository().send(socket.sessionId(), principal.id(), principal.username(), frame.text())
      .map(outcome -> reply(outcome, frame))
      .otherwise(e -> {
        LOG.warn("A message in session {} was not stored: {}", socket.sessionId(), e.getMessage());
        return ServerFrames.error("not_saved", "The message was not saved; send it again.", frame.clientMsgId());
      })
      .map(reply -> {
        if (reply != null) {
          socket.send(reply);
        }
        return null;
      });
  }

  private JsonObject reply(ChatRepository.SendOutcome outcome, ClientFrame frame) {
    return switch (outcome.status()) {
      case "ok" -> ServerFrames.ack(frame.clientMsgId(), outcome.id());
      case "rate_limited" -> ServerFrames.rateLimited(outcome.retryAfterMs(), frame.clientMsgId());
      case "gone" -> {
        chat.directory().forget(socket.sessionId());
        socket.send(ServerFrames.error("session_gone", "The session no longer exists; the message was not saved.",
          frame.clientMsgId()));
        socket.close(ChatSocket.CLOSE_GONE, "The session no longer exists; its messages were lost.");
        yield null;
      }
      default -> {
        socket.markReadOnly();
        yield ended(frame);
      }
    };
  }

  private void typing() {
    long now = System.currentTimeMillis();
    if (socket.readOnly() || now - lastTypingAt < chat.config().typingThrottleMs()) {
      return;
    }
    lastTypingAt = now;
    chat.repository().publish(socket.sessionId(), ServerFrames.typing(principal));
  }

  private static JsonObject ended(ClientFrame frame) {
    return ServerFrames.error("session_ended", "The session has ended; its chat is read-only.", frame.clientMsgId());
  }
}
