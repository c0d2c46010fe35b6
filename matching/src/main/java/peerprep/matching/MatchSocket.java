package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Principal;
import peerprep.common.ws.HeartbeatSettings;
import peerprep.common.ws.SocketHeartbeat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** One signed-in user's matching WebSocket: reads their request and cancel frames, writes their status frames. */
final class MatchSocket {
  static final short SUPERSEDED = 4001;
  static final int MAX_FRAME_CHARS = 4096;
  private static final long GOODBYE_MS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(MatchSocket.class);
  private final String id = UUID.randomUUID().toString();
  private final ServerWebSocket ws;
  private final Principal user;
  private final MatchQueue queue;
  private final Matchmaker matchmaker;
  private final SocketHub hub;
  private final Following following;
  private final FrameRate rate = new FrameRate();
  private final SocketHeartbeat heartbeat;
  private boolean attaching = true;
  private boolean vanished;

  MatchSocket(Vertx vertx, HttpConnection tcp, ServerWebSocket ws, HeartbeatSettings heartbeat, Principal user,
              MatchQueue queue, Matchmaker matchmaker, SocketHub hub) {
    this.ws = ws;
    this.heartbeat = SocketHeartbeat.start(vertx, tcp, ws, heartbeat, this::vanished);
    this.user = user;
    this.queue = queue;
    this.matchmaker = matchmaker;
    this.hub = hub;
    this.following = new Following(this, hub, queue);
  }

  String id() {
    return id;
  }

  String userId() {
    return user.id();
  }

  boolean attaching() {
    return attaching;
  }

  List<String> following() {
    return following.requests();
  }

  /** Starts serving the socket: re-attaches it to the user's current request and shows its state. */
  void open() {
    hub.add(this);
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> send(Frames.error("malformed", "Send frames as JSON text, not binary.")));
    ws.closeHandler(v -> closed());
    // the user's frames wait until the socket knows its current request, so the two never cross
    ws.pause();
    resync().onComplete(ar -> ws.resume());
  }

  /** Shows the current state of the user's request, e.g. after this task missed notifications. */
  Future<Void> resync() {
    attaching = true;
    return queue.attach(user.id(), id)
      .onSuccess(view -> {
        if (view != null && view.active()) {
          following.add(view.requestId());
          following.known(view.requestId());
          leftMeanwhile(view.requestId());
        }
        attaching = false;
        if (view != null) {
          view.currentFrames().forEach(f -> show(view.requestId(), f));
        }
      })
      .onFailure(e -> {
        attaching = false;
        unavailable(e);
      })
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  /** A frame the queue sent about one of the requests this socket follows. */
  void receive(String requestId, JsonObject frame) {
    if (attaching) {
      following.add(requestId);
    }
    show(requestId, frame);
    if ("superseded".equals(frame.getString("type"))) {
      ws.close(SUPERSEDED, "superseded");
    }
  }

  /** Requests this socket follows that the queue confirmed, so their disappearance means they were lost. */
  List<String> confirmed() {
    return following.confirmed();
  }

  /** The queue no longer has the request (Redis lost its data): the user is told to ask again. */
  void lost(String requestId) {
    show(requestId, Frames.lost(requestId));
  }

  /** Closes the socket as the server stops. */
  Future<Void> goAway() {
    return ws.isClosed() ? Future.succeededFuture()
      : ws.close((short) 1001, "server stopping").timeout(GOODBYE_MS, TimeUnit.MILLISECONDS);
  }

  private void onText(String text) {
    heartbeat.alive();
    if (text.length() > MAX_FRAME_CHARS) {
      ws.close((short) 1009, "frame too large");
      return;
    }
    if (rate.exceeded(System.currentTimeMillis())) {
      send(Frames.error("rate-limited", FrameRate.detail()));
      return;
    }
    ClientFrame frame = ClientFrame.parse(text);
    if (frame.error() != null) {
      send(frame.error());
    } else if (ClientFrame.REQUEST.equals(frame.type())) {
      request(frame.request());
    } else if (ClientFrame.PING.equals(frame.type())) {
      send(Frames.pong());
    } else {
      cancel();
    }
  }

  private void request(MatchRequest req) {
    String requestId = UUID.randomUUID().toString();
    following.add(requestId);
    queue.enqueue(requestId, user, req, id)
      .onSuccess(result -> {
        leftMeanwhile(requestId);
        switch (result.outcome()) {
          case QUEUED -> {
            following.keepOnly(requestId);
            following.known(requestId);
            show(requestId, result.view().queuedFrame());
          }
          case MATCHING -> {
            following.keepOnly(requestId);
            following.known(requestId);
            show(requestId, Frames.matching(requestId));
            matchmaker.run(result.matchId());
          }
          default -> {
            following.remove(requestId);
            send(Frames.error("match-in-progress", "A partner was already found for your current request; "
              + "its session is being prepared."));
          }
        }
      })
      .onFailure(e -> {
        following.remove(requestId);
        unavailable(e);
      });
  }

  private void cancel() {
    queue.cancel(user.id(), id)
      .onSuccess(result -> {
        switch (result.outcome()) {
          case CANCELLED -> show(result.current(), Frames.cancelled(result.current()));
          case BUSY -> send(Frames.error("match-in-progress", "A partner was already found; the match can no "
            + "longer be cancelled."));
          default -> send(Frames.error("no-request", "You have no waiting match request to cancel."));
        }
      })
      .onFailure(this::unavailable);
  }

  private void closed() {
    hub.remove(this);
    // a stopping task deletes its key instead, which detaches all of its sockets at once
    if (!hub.isStopping() && !vanished) {
      following.requests().forEach(following::leave);
    }
  }

  /** The peer missed the heartbeat deadline: its waiting request leaves the queue now, with no grace. */
  private void vanished() {
    vanished = true;
    hub.remove(this);
    following.requests().forEach(following::vanish);
  }

  /** A socket that closed while the queue was attaching it must not stay attached. */
  private void leftMeanwhile(String requestId) {
    if (ws.isClosed()) {
      following.leave(requestId);
    }
  }

  /** Sends a frame about a request, never after the request's final frame. */
  private void show(String requestId, JsonObject frame) {
    if (following.admit(requestId, Frames.isFinal(frame))) {
      send(frame);
    }
  }

  private void unavailable(Throwable e) {
    LOG.warn("The queue failed a socket's request: {}", e.getMessage());
    send(Frames.error("unavailable", "The matching queue cannot be reached right now; try again in a moment."));
  }

  private void send(JsonObject frame) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(frame.encode());
    }
  }
}
