package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Auth;
import peerprep.common.auth.Es256Signatures;
import peerprep.common.http.ApiException;

/**
 * Refuses access tokens whose signature is not the canonical low-S ES256 signature in its exact base64url
 * form ({@link Es256Signatures}), before anything else reads the token.
 */
final class CanonicalTokens {
  private CanonicalTokens() {
  }

  static Handler<RoutingContext> required() {
    return ctx -> check(ctx.request()).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
  }

  /** Succeeds when there is no token (the verifier answers that) or when its signature is canonical. */
  static Future<Void> check(HttpServerRequest request) {
    String token = Auth.token(request);
    if (token == null || canonical(token)) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(ApiException.unauthorized("The token is malformed."));
  }

  static boolean canonical(String token) {
    return Es256Signatures.canonical(token);
  }
}
