package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.collab.ot.InvalidChangeException;
import peerprep.collab.session.Envelope;
import peerprep.collab.session.Participant;
import peerprep.collab.session.PresenceRepository.Connection;
import peerprep.common.vocab.CloseCode;
import peerprep.common.ws.SocketHeartbeat;
import peerprep.common.ws.TurnFlush;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * One participant's WebSocket. Everything it does (client messages and channel messages alike) runs in
 * one queue, so frames leave in a consistent order and its {@link UpdateStream} is never raced. Failures become error frames; nothing escapes the handler.
 */
public final class CollabSocket {
  private static final Logger LOG = LoggerFactory.getLogger(CollabSocket.class);
  private final ServerWebSocket ws;
  private final HttpConnection tcp;
  private final TurnFlush.Writer frames;
  private final LiveContext live;
  private final Participant me;
  private final String matchId;
  private final Connection connection;
  private final RateGuard rate;
  private final SocketActions actions;
  private Future<Void> tail = Future.succeededFuture();
  private final UpdateStream stream;
  private boolean closing;
  private boolean welcomed;
  private Future<Void> released;
  private SocketHeartbeat heartbeat;

  CollabSocket(ServerWebSocket ws, HttpConnection tcp, LiveContext live, String sessionId, String matchId, Participant me) {
    this.ws = ws;
    this.tcp = tcp;
    this.frames = live.frames().writer(tcp);
    this.live = live;
    this.me = me;
    this.matchId = matchId;
    this.connection = new Connection(sessionId, me.id(), UUID.randomUUID().toString());
    this.rate = new RateGuard(live.limits().maxMsgsPerSec());
    this.actions = new SocketActions(this, live);
    this.stream = new UpdateStream(live.sessions(), sessionId, this::send);
  }

  void open() {
    heartbeat = SocketHeartbeat.start(live.vertx(), tcp, ws, live.heartbeat(), this::release);
    ws.textMessageHandler(this::receive);
    ws.binaryMessageHandler(b -> closeWith(CloseCode.MALFORMED.code(), "Binary frames are not accepted; send JSON text"));
    ws.exceptionHandler(e -> LOG.debug("WebSocket of session {} failed: {}", sessionId(), e.getMessage()));
    ws.closeHandler(v -> release());
    enqueue(this::attach);
  }

  /** Registers the connection; one that closed meanwhile is unregistered again rather than left as a ghost. */
  private Future<Void> attach() {
    return live.hub().attach(this).compose(v -> joinWhileOpen())
      .map(count -> {
        if (count == -2) {
          closeWith(CloseCode.ENDED.code(), "The session has ended");
        } else if (count == -1) {
          closeWith(CloseCode.UNKNOWN_SESSION.code(), "The session no longer exists");
        }
        return null;
      });
  }

  /**
   * Registers the connection again after the stale sweep removed it from Redis; a socket that has closed
   * is not registered.
   */
  Future<Void> registerAgain() {
    return released != null ? Future.succeededFuture() : joinWhileOpen().mapEmpty();
  }

  /**
   * Registers the connection and answers the join's count; when the socket closed while the join was on
   * its way, the connection is unregistered again after the socket's own leave, so no registration
   * outlives the socket.
   */
  private Future<Long> joinWhileOpen() {
    return live.presence().join(connection)
      .compose(count -> released == null ? Future.succeededFuture(count)
        : released.compose(v -> live.presence().leave(connection)).map(count));
  }

  private void receive(String text) {
    heartbeat.alive();
    if (closing) {
      return;
    }
    if (text.length() > live.limits().maxFrameBytes()) {
      closeWith(CloseCode.TOO_LARGE.code(), "Frames are limited to " + live.limits().maxFrameBytes() + " characters");
      return;
    }
    RateGuard.Verdict verdict = rate.check();
    if (verdict != RateGuard.Verdict.ALLOW) {
      rateLimited(verdict);
      return;
    }
    ClientMessage message;
    try {
      message = ClientMessage.parse(text);
    } catch (ClientMessage.Malformed e) {
      closeWith(CloseCode.MALFORMED.code(), e.getMessage());
      return;
    }
    if ("ping".equals(message.type())) {
      send(new ServerFrame.Pong());
    } else {
      enqueue(() -> actions.handle(message));
    }
  }

  private void rateLimited(RateGuard.Verdict verdict) {
    if (verdict == RateGuard.Verdict.WARN) {
      send(new ServerFrame.ErrorFrame(ServerFrame.ErrorCode.RATE_LIMITED, "More than " + live.limits().maxMsgsPerSec()
        + " messages a second; this one was dropped. Slow down and resend."));
    } else if (verdict == RateGuard.Verdict.CLOSE) {
      closeWith(CloseCode.RATE_LIMITED.code(), "Too many messages");
    }
  }

  /** A message from the session's channel. */
  void deliver(Envelope envelope) {
    enqueue(() -> forward(envelope));
  }

  /**
   * Before its welcome a socket gets only updates (held by the stream until it is in sync) and the end:
   * the welcome, read after anything forwarded earlier, already carries presence and language, and a
   * cursor is meaningless before the text.
   */
  private Future<Void> forward(Envelope envelope) {
    if (!welcomed && envelope.kind() != Envelope.UPDATES && envelope.kind() != Envelope.ENDED) {
      return Future.succeededFuture();
    }
    switch (envelope.kind()) {
      case Envelope.UPDATES -> {
        return stream.forward(envelope);
      }
      case Envelope.CURSOR -> {
        if (!connection.connectionId().equals(envelope.skip())) {
          send(envelope.frame());
        }
      }
      case Envelope.ENDED -> {
        send(envelope.frame());
        closeWith(CloseCode.ENDED.code(), "The session has ended");
      }
      default -> send(envelope.frame());
    }
    return Future.succeededFuture();
  }

  /** Messages may have been missed (the channel dropped): fill any gap from the log. */
  void resync() {
    enqueue(stream::resync);
  }

  UpdateStream stream() {
    return stream;
  }

  private void enqueue(Supplier<Future<Void>> task) {
    tail = tail.transform(ar -> {
      if (closing) {
        return Future.succeededFuture();
      }
      try {
        return task.get().recover(this::failed);
      } catch (RuntimeException e) {
        return failed(e);
      }
    });
  }

  private Future<Void> failed(Throwable e) {
    if (e instanceof ClientMessage.BadMessage) {
      send(new ServerFrame.ErrorFrame(ServerFrame.ErrorCode.BAD_MESSAGE, e.getMessage()));
    } else if (e instanceof ClientMessage.Unstorable) {
      send(new ServerFrame.ErrorFrame(ServerFrame.ErrorCode.UNSTORABLE_TEXT, e.getMessage()));
    } else if (e instanceof InvalidChangeException) {
      send(new ServerFrame.ErrorFrame(ServerFrame.ErrorCode.INVALID_CHANGE, e.getMessage()));
    } else {
      LOG.warn("Handling a message of session {} failed: {}", sessionId(), e.toString());
      send(new ServerFrame.ErrorFrame(ServerFrame.ErrorCode.UNAVAILABLE, "The session store did not answer; try again."));
    }
    return Future.succeededFuture();
  }

  /** Sends the welcome; from now on presence, cursor and language frames reach this socket. */
  void welcome(ServerFrame frame) {
    welcomed = true;
    send(frame);
  }

  /** Sends a frame made here, encoded once. */
  void send(ServerFrame frame) {
    send(frame.encode());
  }

  /** Sends a frame already encoded (one that came through the session's channel). */
  void send(String frame) {
    if (closing || ws.isClosed()) {
      return;
    }
    if (frames.stalled()) {
      closeWith(CloseCode.POLICY.code(), "Too slow to receive updates; reconnect");
      return;
    }
    frames.text(frame);
  }

  /**
   * Leaves the session at once and ends the socket: a peer that stopped reading would otherwise hold its
   * registration until the close frame, queued behind the bytes it does not read, got through.
   */
  void closeWith(short code, String reason) {
    if (!closing) {
      closing = true;
      release();
      heartbeat.end(code, reason);
    }
  }

  /** Closes for a restart of this task and removes the connection's registration. */
  public Future<Void> shutdown() {
    closeWith(CloseCode.GOING_AWAY.code(), "The server is restarting; reconnect");
    return release();
  }

  /** Leaves the session once, however the socket ended. */
  private Future<Void> release() {
    if (released == null) {
      closing = true;
      live.hub().detach(this);
      released = live.presence().leave(connection).<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("Could not unregister a connection of session {}: {}", sessionId(), e.getMessage());
          return Future.succeededFuture();
        });
    }
    return released;
  }

  String sessionId() {
    return connection.sessionId();
  }

  /** The match the session was made for (its match key is refreshed with the session). */
  String matchId() {
    return matchId;
  }

  Participant me() {
    return me;
  }

  public Connection connection() {
    return connection;
  }
}
