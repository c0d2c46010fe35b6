package peerprep.user;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Auth;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.http.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Requires a valid access token, as {@link Auth#required} does, and also an {@code exp} claim: the
 * verifier underneath accepts a correctly signed token that never expires.
 */
final class SignedIn {
  private SignedIn() {
  }

  static Handler<RoutingContext> handler(JwksVerifier verifier) {
    Handler<RoutingContext> verified = Auth.required(verifier);
    return ctx -> {
      if (lacksExpiry(Auth.token(ctx.request()))) {
        ctx.fail(ApiException.unauthorized("The token has no expiry time; sign in again for a new one."));
      } else {
        verified.handle(ctx);
      }
    };
  }

  /** True only for a well-formed token whose payload has no numeric exp; anything else the verifier judges. */
  static boolean lacksExpiry(String token) {
    if (token == null) {
      return false;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      return !(claims.getValue("exp") instanceof Number);
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return false;
    }
  }
}
