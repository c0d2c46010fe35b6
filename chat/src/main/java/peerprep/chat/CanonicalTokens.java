package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.ApiException;

import java.util.Base64;

/**
 * Refuses access tokens whose signature is not the exact base64url form of an ES256 signature.
 * The JWT library decodes signatures leniently, so a valid token with characters appended still
 * verified; a token is accepted here only in its one canonical spelling.
 */
final class CanonicalTokens {
  private static final int ES256_SIGNATURE_BYTES = 64;

  private CanonicalTokens() {
  }

  static Handler<RoutingContext> required() {
    return ctx -> check(ctx.request()).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
  }

  /** Succeeds when there is no token (the verifier answers that) or when its signature is canonical. */
  static Future<Void> check(HttpServerRequest request) {
    String token = token(request);
    if (token == null || canonical(token)) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(ApiException.unauthorized("The token is malformed."));
  }

  static boolean canonical(String token) {
    int dot = token.lastIndexOf('.');
    String signature = token.substring(dot + 1);
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(signature);
      return bytes.length == ES256_SIGNATURE_BYTES
        && Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String token(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return request.getParam("access_token");
  }
}
