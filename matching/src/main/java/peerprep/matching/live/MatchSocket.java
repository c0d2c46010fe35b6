package peerprep.matching.live;

import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Principal;
import peerprep.common.vocab.CloseCode;
import peerprep.common.vocab.SocketError;
import peerprep.common.ws.SocketHeartbeat;
import peerprep.matching.queue.Cancellation;
import peerprep.matching.queue.Enqueued;
import peerprep.matching.queue.Events;
import peerprep.matching.queue.MatchQueue;
import peerprep.matching.queue.MatchRequest;
import peerprep.matching.queue.RequestView;

import java.util.List;
import java.util.UUID;

/** One signed-in user's matching WebSocket: reads their request and cancel frames, writes their status frames. */
public final class MatchSocket implements Follower {
  static final int MAX_FRAME_CHARS = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(MatchSocket.class);
  private final String id = UUID.randomUUID().toString();
  private final ServerWebSocket ws;
  private final Principal user;
  private final LiveContext live;
  private final MatchQueue queue;
  private final SocketHub hub;
  private final Following following = new Following();
  private final FrameRate rate = new FrameRate();
  private final SocketHeartbeat heartbeat;
  private boolean attaching = true;
  private boolean vanished;

  private MatchSocket(LiveContext live, HttpConnection tcp, ServerWebSocket ws, Principal user) {
    this.ws = ws;
    this.live = live;
    this.queue = live.queue();
    this.hub = live.hub();
    this.heartbeat = SocketHeartbeat.start(live.vertx(), tcp, ws, live.heartbeat(), this::vanished);
    this.user = user;
  }

  /** Starts serving the socket: re-attaches it to the user's current request and shows its state. */
  public static void serve(LiveContext live, HttpConnection tcp, ServerWebSocket ws, Principal user) {
    new MatchSocket(live, tcp, ws, user).open();
  }

  private void open() {
    hub.add(this);
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> send(Frames.error(SocketError.MALFORMED.code(), "Send frames as JSON text, not binary.")));
    ws.closeHandler(v -> closed());
    // the user's frames wait until the socket knows its current request, so the two never cross
    ws.pause();
    resync().onComplete(ar -> ws.resume());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String userId() {
    return user.id();
  }

  @Override
  public boolean attaching() {
    return attaching;
  }

  @Override
  public List<String> following() {
    return following.requests();
  }

  @Override
  public List<String> confirmed() {
    return following.confirmed();
  }

  @Override
  public Future<Void> resync() {
    attaching = true;
    return queue.attach(user.id(), id)
      .onSuccess(this::attached)
      .onFailure(e -> {
        attaching = false;
        unavailable(e);
      })
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  private void attached(RequestView view) {
    if (view != null && view.active()) {
      follow(view.requestId());
      following.known(view.requestId());
      leftMeanwhile(view.requestId());
    }
    attaching = false;
    if (view != null) {
      view.currentFrames().forEach(f -> show(view.requestId(), f));
    }
  }

  @Override
  public void receive(String requestId, JsonObject frame) {
    if (attaching) {
      follow(requestId);
    }
    show(requestId, frame);
    if ("superseded".equals(frame.getString("type"))) {
      ws.close(CloseCode.SUPERSEDED.code(), CloseCode.SUPERSEDED.reason());
    }
  }

  @Override
  public void lost(String requestId) {
    show(requestId, Events.lost(requestId));
  }

  @Override
  public Future<Void> goAway() {
    return ws.isClosed() ? Future.succeededFuture() : ws.close(CloseCode.GOING_AWAY.code(), CloseCode.GOING_AWAY.reason());
  }

  private void onText(String text) {
    heartbeat.alive();
    if (text.length() > MAX_FRAME_CHARS) {
      ws.close(CloseCode.TOO_BIG.code(), CloseCode.TOO_BIG.reason());
      return;
    }
    if (rate.exceeded(System.currentTimeMillis())) {
      send(Frames.error(SocketError.RATE_LIMITED.code(), FrameRate.detail()));
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
    follow(requestId);
    live.intake().enqueue(requestId, user, req, id)
      .onSuccess(result -> {
        leftMeanwhile(requestId);
        if (result instanceof Enqueued.Queued q) {
          settle(requestId, q.view().queuedFrame());
        } else if (result instanceof Enqueued.Paired p) {
          settle(requestId, Events.matching(requestId));
          live.matchmaker().run(p.matchId());
        } else {
          unfollow(requestId);
          send(Frames.error("match-in-progress", "A partner was already found for your current request; "
            + "its session is being prepared."));
        }
      })
      .onFailure(e -> {
        unfollow(requestId);
        unavailable(e);
      });
  }

  /** The new request is the one this socket follows from now on. */
  private void settle(String requestId, JsonObject frame) {
    following.others(requestId).forEach(this::unfollow);
    following.known(requestId);
    show(requestId, frame);
  }

  private void cancel() {
    queue.cancel(user.id(), id)
      .onSuccess(result -> {
        if (result instanceof Cancellation.Cancelled c) {
          show(c.requestId(), Events.cancelled(c.requestId()));
        } else if (result instanceof Cancellation.Busy) {
          send(Frames.error("match-in-progress", "A partner was already found; the match can no longer be "
            + "cancelled."));
        } else {
          send(Frames.error("no-request", "You have no waiting match request to cancel."));
        }
      })
      .onFailure(this::unavailable);
  }

  private void closed() {
    hub.remove(this);
    // a stopping task deletes its key instead, which detaches all of its sockets at once
    if (!hub.isStopping() && !vanished) {
      following.requests().forEach(this::leave);
    }
  }

  /** The peer missed the heartbeat deadline: its waiting request leaves the queue now, with no grace. */
  private void vanished() {
    vanished = true;
    hub.remove(this);
    following.requests().forEach(r -> queue.vanish(r, id)
      .recover(e -> queue.vanish(r, id))
      .onFailure(e -> LOG.warn("Could not detach a vanished socket: {}", e.getMessage())));
  }

  /** Tells the queue the socket left; a lost detach would keep the request present, so it is tried twice. */
  private void leave(String requestId) {
    queue.detach(requestId, id)
      .recover(e -> queue.detach(requestId, id))
      .onFailure(e -> LOG.warn("Could not detach a socket: {}", e.getMessage()));
  }

  /** A socket that closed while the queue was attaching it must not stay attached. */
  private void leftMeanwhile(String requestId) {
    if (ws.isClosed()) {
      leave(requestId);
    }
  }

  private void follow(String requestId) {
    if (following.add(requestId)) {
      hub.follow(this, requestId);
    }
  }

  private void unfollow(String requestId) {
    if (following.remove(requestId)) {
      hub.unfollow(this, requestId);
    }
  }

  /** Sends a frame about a request, never after the request's final frame. */
  private void show(String requestId, JsonObject frame) {
    boolean last = Events.isFinal(frame);
    if (following.admit(requestId, last)) {
      if (last) {
        unfollow(requestId);
      }
      send(frame);
    }
  }

  private void unavailable(Throwable e) {
    LOG.warn("The queue failed a socket's request: {}", e.getMessage());
    send(Frames.error(SocketError.UNAVAILABLE.code(), "The matching queue cannot be reached right now; try again in a moment."));
  }

  private void send(JsonObject frame) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(frame.encode());
    }
  }
}
