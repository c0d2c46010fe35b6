package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import peerprep.collab.CollabConfig.Limits;
import peerprep.collab.session.Participant;
import peerprep.collab.session.PresenceRepository;
import peerprep.collab.session.Session;
import peerprep.collab.session.SessionRepository;
import peerprep.common.auth.Auth;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.UserSockets;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.CloseCode;
import peerprep.common.vocab.SessionIds;
import peerprep.common.ws.HeartbeatSettings;


/**
 * The WebSocket handshake: the token, the session and the participant are checked before upgrading, so a
 * refused client gets a plain HTTP 401, 404 or 403 and no socket.
 */
public final class SocketGate {
  private final JwksVerifier verifier;
  private final UserSockets sockets;
  private final LiveContext live;

  public SocketGate(Vertx vertx, JwksVerifier verifier, UserSockets sockets, SessionRepository sessions,
                    PresenceRepository presence, SessionHub hub, Limits limits, HeartbeatSettings heartbeat) {
    this.verifier = verifier;
    this.sockets = sockets;
    this.live = new LiveContext(vertx, sessions, presence, hub, limits, heartbeat);
  }

  public void upgrade(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      ctx.fail(ApiException.badRequest("This path is a WebSocket: connect with an upgrade request."));
      return;
    }
    String id = ctx.pathParam("id");
    // The handshake must still be unread when the checks below complete; paused, it waits for them.
    request.pause();
    Auth.authenticate(verifier, request)
      .compose(principal -> session(id).compose(s -> {
        Participant me = s.participant(principal.id())
          .orElseThrow(() -> ApiException.forbidden("Only the two participants can join this session."));
        HttpConnection connection = request.connection();
        return sockets.upgrade(principal, request::toWebSocket).map(ws -> {
          connect(ws, connection, s, me);
          return null;
        });
      }))
      .onFailure(e -> {
        request.resume();
        ctx.fail(e);
      });
  }

  private Future<Session> session(String id) {
    if (!SessionIds.canonical(id)) {
      return Future.failedFuture(unknown(id));
    }
    return live.sessions().find(id).compose(s -> s == null ? Future.failedFuture(unknown(id)) : Future.succeededFuture(s));
  }

  private void connect(ServerWebSocket ws, HttpConnection connection, Session s, Participant me) {
    if (!s.isActive()) {
      ws.writeTextMessage(new ServerFrame.Ended(s.endReason(), s.endedAt(), null).encode())
        .eventually(() -> ws.close(CloseCode.ENDED.code(), "The session has ended"));
      return;
    }
    new CollabSocket(ws, connection, live, s.id(), s.matchId(), me).open();
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound("There is no session '" + id + "'.");
  }
}
