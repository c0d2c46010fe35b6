package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.slf4j.Logger;
import peerprep.common.abuse.RateLimiter;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Verifies access tokens locally with vertx-auth-jwt against the user service's JWKS. The key set is
 * cached and fetched again when a token names an unknown {@code kid} (at most once per cool-down).
 * Only ES256 is accepted: {@code alg: none}, HMAC and RSA tokens are refused before any crypto runs, and
 * so is any signature but the canonical low-S one ({@link Es256Signatures}). With {@link #revokedBy}, a
 * token issued before its account's revocation is refused too.
 */
public final class JwksVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(JwksVerifier.class);
  private static final int CACHE_LIMIT = 50_000;
  private final Vertx vertx;
  private final Supplier<Future<JsonObject>> fetchJwks;
  private final long refetchCooldownMs;
  private volatile JWTAuth auth;
  private volatile Set<String> kids = Set.of();
  private volatile long lastFetch;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private Future<Void> inflight;
  private volatile Revocations revocations;
  private volatile RateLimiter reads;

  public JwksVerifier(Vertx vertx, Supplier<Future<JsonObject>> fetchJwks, long refetchCooldownMs) {
    this.vertx = vertx;
    this.fetchJwks = fetchJwks;
    this.refetchCooldownMs = refetchCooldownMs;
  }

  /** A verifier that fetches the key set from the user service found through discovery. */
  public static JwksVerifier fromDiscovery(Vertx vertx, peerprep.common.discovery.Discovery discovery) {
    return new JwksVerifier(vertx, () -> discovery.client("user-service")
      .compose(client -> client.get("/.well-known/jwks.json").timeout(3000).send())
      .expecting(io.vertx.core.http.HttpResponseExpectation.SC_SUCCESS)
      .map(io.vertx.ext.web.client.HttpResponse::bodyAsJsonObject), 10_000);
  }

  /** Refuses from now on every token that the revocations say was issued before its account's cut-off. */
  public JwksVerifier revokedBy(Revocations revocations) {
    this.revocations = revocations;
    return this;
  }

  /** Counts each signed-in read ({@code GET}) against the user's limit; see {@link Auth#required}. */
  public JwksVerifier limitReads(RateLimiter reads) {
    this.reads = reads;
    return this;
  }

  /** Succeeds when the user may read once more, fails with 429 over the read limit. */
  Future<Void> admitRead(Principal principal) {
    RateLimiter limiter = reads;
    return limiter == null ? Future.succeededFuture() : limiter.take(principal.id());
  }

  /** The principal of a valid token; a failed future with an {@link InvalidTokenException} otherwise. */
  public Future<Principal> verify(String token) {
    return signed(token).compose(this::current);
  }

  private Future<Principal> current(Principal p) {
    Revocations r = revocations;
    if (r != null && r.revoked(p.id(), p.issuedAtMs())) {
      return Future.failedFuture(new InvalidTokenException(
        "This token was revoked (the account was disabled or deleted, or its password or role changed). Sign in again."));
    }
    return Future.succeededFuture(p);
  }

  private Future<Principal> signed(String token) {
    Verified hit = token == null ? null : verified.get(token);
    if (hit != null) {
      if (hit.expiresAtSeconds() > System.currentTimeMillis() / 1000) {
        return Future.succeededFuture(hit.principal());
      }
      verified.remove(token);
    }
    JsonObject header;
    try {
      header = header(token);
    } catch (InvalidTokenException e) {
      return Future.failedFuture(e);
    }
    if (!JwtKeys.ALGORITHM.equals(header.getString("alg"))) {
      return Future.failedFuture(new InvalidTokenException("The token's algorithm is not accepted."));
    }
    if (!Es256Signatures.canonical(token)) {
      return Future.failedFuture(new InvalidTokenException("The token's signature is malformed."));
    }
    String kid = header.getString("kid");
    if (kid == null) {
      return Future.failedFuture(new InvalidTokenException("The token names no signing key."));
    }
    Future<Void> keys = kids.contains(kid) ? Future.succeededFuture() : refresh();
    return keys.compose(v -> {
      if (!kids.contains(kid)) {
        return Future.failedFuture(new InvalidTokenException("The token was signed by an unknown key."));
      }
      return auth.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(new InvalidTokenException("The token is invalid or expired.")))
        .compose(user -> toPrincipal(user).onSuccess(p -> remember(token, user, p)));
    });
  }

  /** Fetches the key set now unless it was fetched within the cool-down; concurrent callers share one fetch. */
  public synchronized Future<Void> refresh() {
    if (inflight != null) {
      return inflight;
    }
    if (auth != null && System.currentTimeMillis() - lastFetch < refetchCooldownMs) {
      return Future.succeededFuture();
    }
    Future<Void> fetch = fetchJwks.get().map(this::install)
      .onFailure(e -> LOG.warn("Could not fetch the JWKS: {}", e.getMessage()))
      .recover(e -> auth == null ? Future.failedFuture(new InvalidTokenException("Token keys are not available yet.")) : Future.succeededFuture());
    if (!fetch.isComplete()) {
      inflight = fetch;
      fetch.onComplete(ar -> {
        synchronized (this) {
          inflight = null;
        }
      });
    }
    return fetch;
  }

  /** Keeps a verified token until it expires, so repeat requests skip the signature check. */
  private void remember(String token, User user, Principal principal) {
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(token, new Verified(principal, ((Number) user.get("exp")).longValue()));
  }

  private record Verified(Principal principal, long expiresAtSeconds) {
  }

  private Void install(JsonObject jwks) {
    JsonArray keys = jwks.getJsonArray("keys", new JsonArray());
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
      .setIssuer(TokenIssuer.ISSUER).setAudience(List.of(TokenIssuer.AUDIENCE)).setLeeway(5));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      JsonObject k = keys.getJsonObject(i);
      if ("EC".equals(k.getString("kty")) && JwtKeys.ALGORITHM.equals(k.getString("alg", JwtKeys.ALGORITHM)) && k.getString("kid") != null) {
        options.addJwk(k.copy().put("alg", JwtKeys.ALGORITHM));
        seen.add(k.getString("kid"));
      }
    }
    auth = JWTAuth.create(vertx, options);
    kids = Set.copyOf(seen);
    verified.clear();
    lastFetch = System.currentTimeMillis();
    return null;
  }

  static JsonObject header(String token) {
    if (token == null) {
      throw new InvalidTokenException("No token was sent.");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[2].isEmpty()) {
      throw new InvalidTokenException("The token is malformed or unsigned.");
    }
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw new InvalidTokenException("The token is malformed.");
    }
  }

  private static Future<Principal> toPrincipal(User user) {
    JsonObject p = user.principal();
    String sub = p.getString("sub");
    String username = p.getString("username");
    if (!user.containsKey("exp") || !(user.get("exp") instanceof Number)) {
      return Future.failedFuture(new InvalidTokenException("The token has no expiry."));
    }
    JsonArray roles = p.getJsonArray("roles", new JsonArray());
    if (sub == null || username == null) {
      return Future.failedFuture(new InvalidTokenException("The token lacks its subject."));
    }
    Set<String> roleSet = new HashSet<>();
    roles.forEach(r -> roleSet.add(String.valueOf(r)));
    return Future.succeededFuture(new Principal(sub, username, Set.copyOf(roleSet), issuedAtMs(p)));
  }

  /** The precise issue time the user service adds, else the {@code iat} second; 0 (before any cut-off) without either. */
  private static long issuedAtMs(JsonObject claims) {
    if (claims.getValue(TokenIssuer.ISSUED_AT_MS) instanceof Number ms) {
      return ms.longValue();
    }
    return claims.getValue("iat") instanceof Number s ? s.longValue() * 1000 : 0;
  }
}
