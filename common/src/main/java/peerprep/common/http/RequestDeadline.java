package peerprep.common.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds how long one request may take once its head has arrived: its body must arrive and its answer
 * start within the request timeout (a WebSocket upgrade must be accepted or refused within the handshake
 * timeout). A request over its time is answered 408 (the body was still arriving) or 503 (the handler was
 * still working) as problem+json, and its connection is closed.
 */
final class RequestDeadline implements Handler<RoutingContext> {
  /** The key under which {@link ServiceRouter} leaves the deadline in its router's metadata. */
  static final String METADATA = "peerprep.requestDeadline";

  private final Vertx vertx;
  private volatile HttpTimeouts timeouts = HttpTimeouts.DEFAULTS;

  RequestDeadline(Vertx vertx) {
    this.vertx = vertx;
  }

  void use(HttpTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpTimeouts t = timeouts;
    boolean upgrade = "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"));
    long limit = upgrade ? t.handshakeMs() : t.requestMs();
    long timer = vertx.setTimer(limit, id -> expire(ctx, upgrade, limit));
    ctx.addEndHandler(done -> vertx.cancelTimer(timer));
    ctx.next();
  }

  private static void expire(RoutingContext ctx, boolean upgrade, long limit) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed() || upgrade && HeaderDeadline.upgraded(request.connection())) {
      return;
    }
    if (response.headWritten()) {
      request.connection().close();
      return;
    }
    response.putHeader("Connection", "close");
    if (upgrade) {
      Problems.send(ctx, 503, "Service Unavailable", "The WebSocket handshake did not complete within " + limit + " ms.", null);
    } else if (!request.isEnded()) {
      Problems.send(ctx, 408, "Request Timeout", "The request body did not arrive within " + limit + " ms.", null);
    } else {
      Problems.send(ctx, 503, "Service Unavailable", "The server did not answer within " + limit + " ms.", null);
    }
    request.connection().close();
  }
}
