package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Principal;
import peerprep.common.ws.SocketHeartbeat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One participant's WebSocket in one session. Live events that arrive while the socket is reading
 * the stream are held back and released after it, and a message is written only when its id is newer
 * than the last one written, so the socket sees every message once and in stream order.
 */
final class ChatSocket {
  static final short CLOSE_UNAVAILABLE = 1011;
  static final short CLOSE_TOO_SLOW = 1013;
  static final short CLOSE_GONE = 4404;
  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
  private static final int MAX_HELD = 1_000;
  private final ServerWebSocket ws;
  private final HttpConnection tcp;
  private final Principal principal;
  private final String sessionId;
  private final String member;
  private final ChatContext chat;
  private final List<Held> held = new ArrayList<>();
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
    this.principal = principal;
    this.sessionId = session.sessionId();
    this.member = principal.id() + "|" + UUID.randomUUID();
    this.chat = chat;
    this.readOnly = session.ended();
    this.recentFirst = after == null;
    this.lastSent = after == null ? StreamIds.ZERO : after;
  }

  String sessionId() {
    return sessionId;
  }

  String member() {
    return member;
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
        send(ServerFrames.welcome(sessionId, principal, readOnly, snapshot.online()));
        return catchUp(recentFirst ? chat.config().backlog() : 0);
      })
      .compose(v -> announceJoin())
      .onSuccess(v -> ws.resume())
      .onFailure(e -> {
        LOG.warn("A socket of session {} could not start: {}", sessionId, e.getMessage());
        close(CLOSE_UNAVAILABLE, "Chat is unavailable right now; reconnect with ?after=<last id>.");
      });
  }

  /** A socket closed while it was starting leaves again instead of announcing itself. */
  private Future<Void> announceJoin() {
    if (closed) {
      return present ? leavePresence() : Future.succeededFuture();
    }
    return chat.repository().publish(sessionId, ServerFrames.presence(principal, "joined"));
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
    catchUp(0).onFailure(e -> close(CLOSE_UNAVAILABLE, "Chat lost its storage connection; reconnect with ?after=<last id>."));
  }

  /** Sends the newest {@code newest} messages, or when zero every message after the last one sent; then releases held events. */
  private Future<Void> catchUp(int newest) {
    Future<List<ChatMessage>> read = newest > 0
      ? chat.repository().recent(sessionId, newest)
      : chat.repository().allAfter(sessionId, lastSent);
    return read.map(messages -> {
      int sent = 0;
      for (ChatMessage m : messages) {
        sent += sendIfNew(m, m.toFrame().encode()) ? 1 : 0;
      }
      send(ServerFrames.synced(lastSent, sent));
      release();
      return null;
    });
  }

  private void release() {
    syncing = false;
    List<Held> pending = List.copyOf(held);
    held.clear();
    for (Held h : pending) {
      if (h.message != null) {
        deliverMessage(h.message, h.frame);
      } else {
        deliverEvent(h.about, h.frame);
      }
    }
    if (resyncWanted) {
      resyncWanted = false;
      resync();
    }
  }

  void deliverMessage(ChatMessage message, String frame) {
    if (syncing) {
      hold(new Held(message, null, frame));
    } else {
      sendIfNew(message, frame);
    }
  }

  /** Typing and presence of the other participant; a user's own are not echoed back. */
  void deliverEvent(String aboutUser, String frame) {
    if (syncing) {
      hold(new Held(null, aboutUser, frame));
    } else if (!principal.id().equals(aboutUser)) {
      write(frame);
    }
  }

  void sessionEnded(String frame) {
    readOnly = true;
    write(frame);
  }

  void send(JsonObject frame) {
    write(frame.encode());
  }

  /**
   * Leaves the room at once and ends the socket: a client that stopped reading would otherwise stay
   * present until the close frame, queued behind what it does not read, got through.
   */
  void close(short code, String reason) {
    if (!closed) {
      onClosed();
      heartbeat.end(code, reason);
    }
  }

  private boolean sendIfNew(ChatMessage message, String frame) {
    if (StreamIds.compare(message.id(), lastSent) <= 0) {
      return false;
    }
    lastSent = message.id();
    write(frame);
    return true;
  }

  private void hold(Held event) {
    if (held.size() >= MAX_HELD) {
      close(CLOSE_TOO_SLOW, "Too far behind; reconnect with ?after=<last id>.");
    } else {
      held.add(event);
    }
  }

  private void write(String frame) {
    if (closed || ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      close(CLOSE_TOO_SLOW, "The connection is too slow; reconnect with ?after=<last id>.");
      return;
    }
    ws.writeTextMessage(frame);
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
        : chat.repository().publish(sessionId, ServerFrames.presence(principal, "left")));
  }

  private record Held(ChatMessage message, String about, String frame) {
  }
}
