package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Auth;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.Principal;
import peerprep.common.auth.UserSockets;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;
import peerprep.common.ws.HeartbeatSettings;
import peerprep.matching.live.LiveContext;
import peerprep.matching.live.MatchSocket;
import peerprep.matching.live.SocketHub;
import peerprep.matching.making.Intake;
import peerprep.matching.making.Matchmaker;
import peerprep.matching.queue.Cancellation;
import peerprep.matching.queue.Enqueued;
import peerprep.matching.queue.MatchQueue;
import peerprep.matching.queue.MatchRequest;

import java.util.UUID;

/** The routes of the matching-service: the WebSocket, the REST view of a user's request, and queue stats. */
final class MatchApi {
  private static final Logger LOG = LoggerFactory.getLogger(MatchApi.class);
  private final MatchQueue queue;
  private final Matchmaker matchmaker;
  private final JwksVerifier verifier;
  private final UserSockets sockets;
  private final LiveContext live;
  private final Intake intake;

  MatchApi(Vertx vertx, HeartbeatSettings heartbeat, MatchQueue queue, Intake intake, Matchmaker matchmaker,
           SocketHub hub, JwksVerifier verifier, UserSockets sockets) {
    this.sockets = sockets;
    this.queue = queue;
    this.matchmaker = matchmaker;
    this.verifier = verifier;
    this.intake = intake;
    this.live = new LiveContext(vertx, heartbeat, queue, intake, matchmaker, hub);
  }

  void mount(ContractRouter routes) {
    Handler<RoutingContext> signedIn = Auth.required(verifier);
    // the upgrade must find the handshake unread after the asynchronous token check
    routes.plain("matchSocket", MatchApi::holdHandshake, signedIn, this::connect)
      .on("createRequest", signedIn, this::enqueue)
      .on("currentRequest", signedIn, this::current)
      .on("cancelRequest", signedIn, this::cancel)
      .on("queueStats", signedIn, this::stats);
  }

  private static void holdHandshake(RoutingContext ctx) {
    ctx.request().pause();
    ctx.next();
  }

  private void connect(RoutingContext ctx) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      ctx.fail(new ApiException(426, "Upgrade Required", "This endpoint speaks WebSocket: open it with new "
        + "WebSocket('ws://…/match/ws?access_token=…')."));
      return;
    }
    Principal user = Principal.of(ctx);
    HttpConnection tcp = ctx.request().connection();
    sockets.upgrade(user, ctx.request()::toWebSocket)
      .onSuccess(ws -> MatchSocket.serve(live, tcp, ws, user))
      .onFailure(e -> {
        LOG.warn("WebSocket upgrade failed: {}", e.getMessage());
        if (!ctx.response().headWritten()) {
          ctx.request().resume();
          ctx.fail(e);
        }
      });
  }

  private void enqueue(RoutingContext ctx) {
    MatchRequest req = MatchRequest.fromJson(ContractRouter.body(ctx));
    Principal user = Principal.of(ctx);
    intake.enqueue(UUID.randomUUID().toString(), user, req, null)
      .compose(result -> {
        if (result instanceof Enqueued.Queued q) {
          return Future.succeededFuture(q.view());
        }
        if (result instanceof Enqueued.Paired p) {
          matchmaker.run(p.matchId());
          return queue.touch(user.id());
        }
        return Future.failedFuture(ApiException.conflict("A partner was already found for your current "
          + "request; its session is being prepared."));
      })
      .onSuccess(view -> ctx.response().setStatusCode(201).putHeader("Location", "/match/requests/me")
        .putHeader("Content-Type", "application/json").end(view.toJson().encode()))
      .onFailure(e -> fail(ctx, e));
  }

  private void current(RoutingContext ctx) {
    queue.touch(Principal.of(ctx).id())
      .onSuccess(view -> {
        if (view == null) {
          fail(ctx, ApiException.notFound("You have no match request; ask for one on the WebSocket or with "
            + "POST /match/requests."));
        } else {
          ctx.json(view.toJson());
        }
      })
      .onFailure(e -> fail(ctx, e));
  }

  private void cancel(RoutingContext ctx) {
    queue.cancel(Principal.of(ctx).id(), null)
      .onSuccess(result -> {
        if (result instanceof Cancellation.Cancelled) {
          ctx.response().setStatusCode(204).end();
        } else if (result instanceof Cancellation.NothingWaiting) {
          fail(ctx, ApiException.notFound("You have no waiting match request to cancel."));
        } else {
          fail(ctx, ApiException.conflict("A partner was already found; the match can no longer be cancelled."));
        }
      })
      .onFailure(e -> fail(ctx, e));
  }

  private void stats(RoutingContext ctx) {
    queue.stats().onSuccess(ctx::json).onFailure(e -> fail(ctx, e));
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    if (e instanceof ApiException) {
      ctx.fail(e);
    } else {
      LOG.warn("The queue failed a request: {}", e.getMessage());
      ctx.fail(ApiException.unavailable("The matching queue cannot be reached right now; try again in a moment."));
    }
  }
}
