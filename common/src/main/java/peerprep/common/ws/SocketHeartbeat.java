package peerprep.common.ws;

import io.netty.channel.Channel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The liveness of one server WebSocket. The server sends a ping frame every interval (browsers answer
 * pings by themselves); a pong, or any frame the owner reports through {@link #alive()}, is a sign of
 * life. When none came for the deadline the peer is gone (a closed laptop lid, a dropped network): the
 * owner's {@code gone} action runs at once, so its normal leave path never waits on a TCP close that may
 * never come, and the socket is ended.
 *
 * <p>{@link #end} is also how an owner closes a socket for any other reason: the close frame is sent,
 * and if the peer has not completed the close within the grace (it stopped reading, so the frame sits
 * behind unread bytes) the TCP connection is dropped. Every method runs on the socket's event loop.
 */
public final class SocketHeartbeat {
  /** Close code of a socket whose peer missed the heartbeat deadline. */
  public static final short NO_HEARTBEAT = 4408;
  private static final Buffer PING = Buffer.buffer("hb");
  private final Vertx vertx;
  private final HttpConnection connection;
  private final ServerWebSocket ws;
  private final HeartbeatSettings settings;
  private final Runnable gone;
  private long lastSeen;
  private long lastPing;
  private long timer = -1;
  private boolean stopped;

  private SocketHeartbeat(Vertx vertx, HttpConnection connection, ServerWebSocket ws, HeartbeatSettings settings,
                          Runnable gone) {
    this.vertx = vertx;
    this.connection = connection;
    this.ws = ws;
    this.settings = settings;
    this.gone = gone;
  }

  /**
   * Starts watching a socket just upgraded from a request on {@code connection}.
   *
   * @param gone what the owner does when the peer is gone: its leave path, run before the socket ends
   */
  public static SocketHeartbeat start(Vertx vertx, HttpConnection connection, ServerWebSocket ws,
                                      HeartbeatSettings settings, Runnable gone) {
    SocketHeartbeat heartbeat = new SocketHeartbeat(vertx, connection, ws, settings, gone);
    heartbeat.lastSeen = System.currentTimeMillis();
    heartbeat.lastPing = heartbeat.lastSeen;
    ws.pongHandler(b -> heartbeat.alive());
    connection.closeHandler(v -> heartbeat.stop());
    heartbeat.schedule(settings.intervalMs());
    return heartbeat;
  }

  /** The peer showed it is there (it sent a frame). */
  public void alive() {
    lastSeen = System.currentTimeMillis();
  }

  /**
   * Sends a close frame and stops the heartbeat; the TCP connection is dropped if the peer has not
   * closed it within the grace. Calling it again does nothing.
   */
  public void end(short code, String reason) {
    if (stopped) {
      return;
    }
    stop();
    if (!ws.isClosed()) {
      ws.close(code, reason);
    }
    vertx.setTimer(settings.closeGraceMs(), id -> drop());
  }

  /**
   * Closes the TCP connection now. Vert.x's own close waits behind the bytes already queued, which a peer
   * that stopped reading never takes, so the close is sent straight to the transport (the first handler
   * of the channel's pipeline passes it to the socket), discarding what is queued.
   */
  private void drop() {
    Channel channel = ws instanceof WebSocketInternal internal ? internal.channelHandlerContext().channel()
      : connection instanceof ConnectionBase base ? base.channel() : null;
    if (channel == null) {
      connection.close();
    } else if (channel.isOpen()) {
      channel.pipeline().firstContext().close();
    }
  }

  /** Stops pinging (the socket closed). */
  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void schedule(long delayMs) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), id -> tick());
    }
  }

  private void tick() {
    timer = -1;
    if (stopped) {
      return;
    }
    long now = System.currentTimeMillis();
    long deadline = lastSeen + settings.deadlineMs();
    if (now >= deadline) {
      gone.run();
      end(NO_HEARTBEAT, "No answer to the heartbeat within " + settings.deadlineMs() + " ms");
      return;
    }
    if (now - lastPing >= settings.intervalMs()) {
      lastPing = now;
      if (!ws.isClosed()) {
        ws.writePing(PING);
      }
    }
    schedule(Math.min(lastPing + settings.intervalMs(), deadline) - now);
  }
}
