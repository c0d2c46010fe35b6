package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.ApiException;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** Route handlers for signed-in users, roles, and the service credential of {@code /internal/} routes. */
public final class Auth {
  public static final String INTERNAL_HEADER = "X-Internal-Token";

  private Auth() {
  }

  /**
   * Requires a valid access token (Authorization header, or {@code access_token} query on a WebSocket
   * upgrade). A plain {@code GET} also counts against the user's read limit when the verifier has one.
   */
  public static Handler<RoutingContext> required(JwksVerifier verifier) {
    return ctx -> {
      boolean upgrade = ctx.request().canUpgradeToWebSocket();
      if (upgrade) {
        // Verification may be asynchronous; an upgrade must find the request unread afterwards.
        ctx.request().pause();
      }
      authenticate(verifier, ctx.request())
        .compose(p -> upgrade || ctx.request().method() != HttpMethod.GET ? Future.succeededFuture(p) : verifier.admitRead(p).map(p))
        .onSuccess(p -> {
          ctx.put(Principal.KEY, p);
          ctx.next();
        })
        .onFailure(ctx::fail);
    };
  }

  /** Requires the role, after {@link #required}. */
  public static Handler<RoutingContext> role(String role) {
    return ctx -> {
      if (Principal.of(ctx).roles().contains(role)) {
        ctx.next();
      } else {
        ctx.fail(ApiException.forbidden("This action needs the '" + role + "' role."));
      }
    };
  }

  /** The principal of a request's token, for handlers that authenticate outside a router (WebSockets). */
  public static Future<Principal> authenticate(JwksVerifier verifier, HttpServerRequest request) {
    String token = token(request);
    if (token == null && request.getParam("access_token") != null) {
      return Future.failedFuture(ApiException.unauthorized("The 'access_token' query parameter is accepted only on "
        + "WebSocket upgrades; send 'Authorization: Bearer <token>'."));
    }
    if (token == null) {
      return Future.failedFuture(ApiException.unauthorized("Sign in and send the access token as 'Authorization: Bearer <token>'."));
    }
    return verifier.verify(token).recover(e -> Future.failedFuture(ApiException.unauthorized(e.getMessage())));
  }

  /**
   * The bearer token of a request: the Authorization header, or on a WebSocket upgrade (browsers cannot
   * set headers there) the {@code access_token} query parameter. A query token on any other request is
   * ignored, so tokens are never invited into URLs that proxies and browsers record.
   */
  public static String token(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return request.canUpgradeToWebSocket() ? request.getParam("access_token") : null;
  }

  /** Requires the shared service credential in {@value #INTERNAL_HEADER}. */
  public static Handler<RoutingContext> internal(String credential) {
    byte[] expected = credential.getBytes(StandardCharsets.UTF_8);
    return ctx -> {
      String given = ctx.request().getHeader(INTERNAL_HEADER);
      if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
        ctx.next();
      } else {
        ctx.fail(ApiException.forbidden("This endpoint is for PeerPrep services only."));
      }
    };
  }
}
