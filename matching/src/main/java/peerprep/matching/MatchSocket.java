package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Principal;
import peerprep.common.http.ApiException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  private final Set<String> following = new HashSet<>();
  private final Set<String> ended = new HashSet<>();
  private final Promise<Void> gone = Promise.promise();
  private boolean attaching = true;

  MatchSocket(ServerWebSocket ws, Principal user, MatchQueue queue, Matchmaker matchmaker, SocketHub hub) {
    this.ws = ws;
    this.user = user;
    this.queue = queue;
    this.matchmaker = matchmaker;
    this.hub = hub;
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

  synchronized List<String> following() {
    return List.copyOf(following);
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
          follow(view.requestId());
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
      follow(requestId);
    }
    show(requestId, frame);
    if ("superseded".equals(frame.getString("type"))) {
      ws.close(SUPERSEDED, "superseded");
    }
  }

  void ping() {
    if (!ws.isClosed()) {
      ws.writePing(Buffer.buffer("match"));
    }
  }

  /** Closes the socket as the server stops. */
  Future<Void> goAway() {
    if (!ws.isClosed()) {
      ws.close((short) 1001, "server stopping");
    }
    return gone.future().timeout(GOODBYE_MS, TimeUnit.MILLISECONDS);
  }

  private void onText(String text) {
    if (text.length() > MAX_FRAME_CHARS) {
      ws.close((short) 1009, "frame too large");
      return;
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      send(Frames.error("malformed", "Frames must be JSON objects, such as {\"type\":\"cancel\"}."));
      return;
    }
    if (!(parsed instanceof JsonObject msg)) {
      send(Frames.error("malformed", "Frames must be JSON objects, such as {\"type\":\"cancel\"}."));
      return;
    }
    Object type = msg.getValue("type");
    if ("request".equals(type)) {
      request(msg);
    } else if ("cancel".equals(type)) {
      cancel();
    } else if (type == null) {
      send(Frames.error("bad-request", "The frame needs a 'type': 'request' or 'cancel'."));
    } else {
      send(Frames.error("unknown-type", "The frame type '" + type + "' is unknown; send 'request' or 'cancel'."));
    }
  }

  private void request(JsonObject msg) {
    MatchRequest req;
    try {
      req = MatchRequest.fromJson(msg);
    } catch (ApiException e) {
      send(Frames.error("bad-request", e.getMessage()));
      return;
    }
    String requestId = UUID.randomUUID().toString();
    follow(requestId);
    queue.enqueue(requestId, user, req, id)
      .onSuccess(result -> {
        switch (result.outcome()) {
          case QUEUED -> {
            followOnly(requestId);
            show(requestId, result.view().queuedFrame());
          }
          case MATCHING -> {
            followOnly(requestId);
            show(requestId, Frames.matching(requestId));
            matchmaker.run(result.matchId());
          }
          default -> {
            unfollow(requestId);
            send(Frames.error("match-in-progress", "A partner was already found for your current request; "
              + "its session is being prepared."));
          }
        }
      })
      .onFailure(e -> {
        unfollow(requestId);
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
    if (hub.isStopping()) {
      gone.tryComplete();
      return;
    }
    List<Future<Void>> detached = following().stream().map(this::detach).toList();
    Future.join(detached).onComplete(ar -> gone.tryComplete());
  }

  private Future<Void> detach(String requestId) {
    // a detach that is lost would keep the request present until it times out, so it is tried twice
    return queue.detach(requestId, id).recover(e -> {
      LOG.warn("Could not detach a socket, trying again: {}", e.getMessage());
      return queue.detach(requestId, id);
    }).onFailure(e -> LOG.warn("Could not detach a socket: {}", e.getMessage()));
  }

  /** Sends a frame about a request, never after the request's final frame. */
  private synchronized void show(String requestId, JsonObject frame) {
    if (ended.contains(requestId)) {
      return;
    }
    if (Frames.isFinal(frame)) {
      ended.add(requestId);
      unfollow(requestId);
    }
    send(frame);
  }

  private synchronized void follow(String requestId) {
    if (following.add(requestId)) {
      hub.follow(this, requestId);
    }
  }

  private synchronized void unfollow(String requestId) {
    if (following.remove(requestId)) {
      hub.unfollow(this, requestId);
    }
  }

  private synchronized void followOnly(String requestId) {
    for (String other : List.copyOf(following)) {
      if (!other.equals(requestId)) {
        unfollow(other);
      }
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
