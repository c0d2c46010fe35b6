package peerprep.common.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs ES256 access tokens with the configured key and {@code kid}, and publishes the JWKS
 * (the current key plus, during a rotation, the previous public key). Signatures are given in their
 * canonical low-S form, the only one verifiers accept.
 */
public final class TokenIssuer {
  public static final String ISSUER = "peerprep-user-service";
  public static final String AUDIENCE = "peerprep";
  /** The claim with the issue time in epoch milliseconds, finer than {@code iat}, which revocation compares. */
  public static final String ISSUED_AT_MS = "iat_ms";

  private final JWTAuth signer;
  private final String kid;
  private final JsonObject jwks;

  /** An issuer signing with the private half of {@code keys} and publishing their public half as {@code kid}. */
  public TokenIssuer(Vertx vertx, KeyPair keys, String kid, List<JsonObject> previousJwks) {
    this.kid = kid;
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm(JwtKeys.ALGORITHM).setId(kid).setBuffer(JwtKeys.privatePem(keys))));
    List<JsonObject> published = new ArrayList<>();
    published.add(JwtKeys.jwk((ECPublicKey) keys.getPublic(), kid));
    published.addAll(previousJwks);
    this.jwks = new JsonObject().put("keys", new JsonArray(published));
  }

  public String kid() {
    return kid;
  }

  public JsonObject jwks() {
    return jwks.copy();
  }

  public String issue(Principal principal, int ttlSeconds) {
    if (ttlSeconds <= 0) {
      throw new IllegalArgumentException("Access tokens must expire: ttlSeconds must be positive");
    }
    JsonObject claims = new JsonObject()
      .put(ISSUED_AT_MS, System.currentTimeMillis())
      .put("username", principal.username())
      .put("roles", new JsonArray(principal.roles().stream().sorted().toList()));
    return Es256Signatures.lowS(signer.generateToken(claims, new JWTOptions()
      .setAlgorithm(JwtKeys.ALGORITHM)
      .setSubject(principal.id())
      .setIssuer(ISSUER)
      .setAudience(List.of(AUDIENCE))
      .setExpiresInSeconds(ttlSeconds)
      .setHeader(new JsonObject().put("kid", kid))));
  }
}
