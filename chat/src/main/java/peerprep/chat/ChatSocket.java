package peerprep.chat;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Principal;
import peerprep.common.vocab.CloseCode;
import peerprep.common.ws.SocketHeartbeat;
import peerprep.common.ws.TurnFlush;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One participant's WebSocket in one session. Live events that arrive while the socket is reading
 * the stream are held back and released after it, and a message is written only when its id is newer
 * than the last one written, so the socket sees every message once and in stream order. Its own messages
 * come back as acks, in the same order.
 */
final class ChatSocket {
  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
  private static final int MAX_HELD = 1_000;
  /** Stands for a message sent without a client id (longer than any client id may be). */
  private static final String NO_CLIENT_ID = "-".repeat(ClientFrame.MAX_CLIENT_ID_CHARS + 1);
  private final ServerWebSocket ws;
  private final HttpConnection tcp;
  private final TurnFlush.Writer frames;
  private final Principal principal;
  private final String sessionId;
  private final String member;
  private final ChatContext chat;
  private final List<ChatEvent> held = new ArrayList<>();
  private final Map<String, String> storedUnseen = new HashMap<>();
  private final String connection;
  private final boolean recentFirst;
  private String lastSent;
  private boolean readOnly;
  private boolean syncing = true;
  private boolean resyncWanted;
  private boolean present;
  private boolean closed;
  private SocketHeartbeat heartbeat;

  ChatSocket(ServerWebSocket ws, HttpConnection tcp, Principal principal, SessionInfo session, String after,
             ChatContext chat) {
    this.ws = ws;
    this.tcp = tcp;
    this.frames = chat.frames().writer(tcp);
    this.principal = principal;
    this.sessionId = session.sessionId();
    this.connection = UUID.randomUUID().toString();
    this.member = principal.id() + "|" + connection;
    this.chat = chat;
    this.readOnly = session.ended();
    this.recentFirst = after == null;
    this.lastSent = after == null ? StreamIds.ZERO : after;
  }

  String sessionId() {
    return sessionId;
  }

  /** This connection's id, which the events of the messages it sends carry. */
  String connection() {
    return connection;
  }

  ChatRepository.PresenceEntry presenceEntry() {
    return new ChatRepository.PresenceEntry(sessionId, member, principal.username());
  }

  /** The client sent a frame: it is still there. */
  void alive() {
    heartbeat.alive();
  }

  boolean readOnly() {
    return readOnly;
  }

  void markReadOnly() {
    readOnly = true;
  }

  /** Joins the room, greets the client, sends the backlog or what it missed, then goes live. */
  void start() {
    SocketInput input = new SocketInput(this, principal, chat);
    heartbeat = SocketHeartbeat.start(chat.vertx(), tcp, ws, chat.config().heartbeat(), this::onClosed);
    ws.pause();
    ws.textMessageHandler(input::onText);
    ws.binaryMessageHandler(input::onBinary);
    ws.closeHandler(v -> onClosed());
    ws.exceptionHandler(e -> LOG.debug("Socket error in session {}: {}", sessionId, e.getMessage()));
    chat.hub().join(this)
      .compose(v -> chat.repository().join(sessionId, member, principal.username(), System.currentTimeMillis()))
      .compose(snapshot -> {
        present = true;
        readOnly |= snapshot.ended();
        send(new ServerFrame.Welcome(sessionId, principal, readOnly, snapshot.online()));
        return catchUp(recentFirst ? chat.config().backlog() : 0);
      })
      .compose(v -> announceJoin())
      .onSuccess(v -> ws.resume())
      .onFailure(e -> {
        LOG.warn("A socket of session {} could not start: {}", sessionId, e.getMessage());
        close(CloseCode.UNAVAILABLE, "Chat is unavailable right now; reconnect with ?after=<last id>.");
      });
  }

  /** A socket closed while it was starting leaves again instead of announcing itself. */
  private Future<Void> announceJoin() {
    if (closed) {
      return present ? leavePresence() : Future.succeededFuture();
    }
    return chat.repository().publishAbout(sessionId, principal.id(),
      new ServerFrame.Presence(principal.id(), principal.username(), true));
  }

  /** Catches up from the stream after the task's pub/sub connection came back. */
  void resync() {
    if (closed) {
      return;
    }
    if (syncing) {
      resyncWanted = true;
      return;
    }
    syncing = true;
    catchUp(0).onFailure(e -> close(CloseCode.UNAVAILABLE, "Chat lost its storage connection; reconnect with ?after=<last id>."));
  }

  /** Sends the newest {@code newest} messages, or when zero every message after the last one sent; then releases held events. */
  private Future<Void> catchUp(int newest) {
    Future<List<ChatMessage>> read = newest > 0
      ? chat.repository().recent(sessionId, newest)
      : chat.repository().allAfter(sessionId, lastSent);
    return read.map(messages -> {
      int sent = 0;
      for (ChatMessage m : messages) {
        if (advance(m.id())) {
          String clientMsgId = storedUnseen.remove(m.id());
          write(clientMsgId != null ? new ServerFrame.Ack(unwrap(clientMsgId), m.id()).encode()
            : new ServerFrame.Message(m).encode());
          sent++;
        }
      }
      send(new ServerFrame.Synced(lastSent, sent));
      release();
      return null;
    });
  }

  private void release() {
    syncing = false;
    List<ChatEvent> pending = List.copyOf(held);
    held.clear();
    pending.forEach(this::deliver);
    if (resyncWanted) {
      resyncWanted = false;
      resync();
    }
  }

  /** An event of the session, from any task: held while the socket catches up, else written. */
  void deliver(ChatEvent event) {
    if (syncing) {
      hold(event);
      return;
    }
    switch (event.kind()) {
      case MESSAGE -> deliverMessage(event);
      case ABOUT_USER -> {
        if (!principal.id().equals(event.subject())) {
          write(event.frame());
        }
      }
      case ENDED -> {
        readOnly = true;
        write(event.frame());
      }
    }
  }

  /**
   * A message in stream order: the partner's copy goes out as published; this connection's own message
   * becomes its ack, so the sender gets one frame and every frame of the socket stays in stream order.
   */
  private void deliverMessage(ChatEvent event) {
    if (!advance(event.id())) {
      return;
    }
    if (connection.equals(event.subject())) {
      storedUnseen.remove(event.id());
      write(ServerFrame.Ack.encode(event.clientMsgId(), event.id()));
    } else {
      write(event.frame());
    }
  }

  /**
   * Redis stored a message of this socket. Its ack normally goes out when the socket's stream reaches it;
   * a message the channel has not brought yet is remembered, so that a catch-up from the stream (after
   * the channel was lost) acknowledges it too instead of sending it back as a copy.
   */
  void stored(String clientMsgId, String id) {
    if (StreamIds.compare(id, lastSent) <= 0) {
      return;
    }
    if (storedUnseen.size() >= MAX_HELD) {
      close(CloseCode.TRY_AGAIN_LATER, "Too far behind; reconnect with ?after=<last id>.");
    } else {
      storedUnseen.put(id, clientMsgId == null ? NO_CLIENT_ID : clientMsgId);
    }
  }

  private static String unwrap(String clientMsgId) {
    return NO_CLIENT_ID.equals(clientMsgId) ? null : clientMsgId;
  }

  void send(ServerFrame frame) {
    write(frame.encode());
  }

  /**
   * Leaves the room at once and ends the socket: a client that stopped reading would otherwise stay
   * present until the close frame, queued behind what it does not read, got through.
   */
  void close(CloseCode code, String reason) {
    if (!closed) {
      onClosed();
      heartbeat.end(code.code(), reason);
    }
  }

  /** Moves the socket's position in the stream to {@code id}; false when it was there already. */
  private boolean advance(String id) {
    if (StreamIds.compare(id, lastSent) <= 0) {
      return false;
    }
    lastSent = id;
    return true;
  }

  private void hold(ChatEvent event) {
    if (held.size() >= MAX_HELD) {
      close(CloseCode.TRY_AGAIN_LATER, "Too far behind; reconnect with ?after=<last id>.");
    } else {
      held.add(event);
    }
  }

  private boolean writable() {
    if (closed || ws.isClosed()) {
      return false;
    }
    if (frames.stalled()) {
      close(CloseCode.TRY_AGAIN_LATER, "The connection is too slow; reconnect with ?after=<last id>.");
      return false;
    }
    return true;
  }

  private void write(String frame) {
    if (writable()) {
      frames.text(frame);
    }
  }

  /** Writes a frame's UTF-8 bytes as they are; the array is shared by every socket of the task, never copied. */
  private void write(byte[] frame) {
    if (writable()) {
      frames.text(Unpooled.wrappedBuffer(frame));
    }
  }

  private void onClosed() {
    if (closed) {
      return;
    }
    closed = true;
    chat.hub().leave(this);
    if (present) {
      leavePresence().onFailure(e -> LOG.debug("Presence of a closed socket was not cleared: {}", e.getMessage()));
    }
  }

  /** Announces "left" only when the user has no other connection to the session. */
  private Future<Void> leavePresence() {
    present = false;
    return chat.repository().leave(sessionId, member, principal.id(), principal.username(), System.currentTimeMillis())
      .compose(stillHere -> stillHere ? Future.succeededFuture()
        : chat.repository().publishAbout(sessionId, principal.id(),
          new ServerFrame.Presence(principal.id(), principal.username(), false)));
  }

}
