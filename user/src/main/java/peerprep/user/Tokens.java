package peerprep.user;

import io.vertx.core.Future;
import peerprep.common.auth.TokenIssuer;
import peerprep.common.http.ApiException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Access tokens (signed JWTs) and refresh tokens (opaque, 256 random bits, stored as SHA-256 hashes,
 * rotated on every use, a replaced token accepted again only within the reuse grace).
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final TokenIssuer issuer;
  private final TokenRepository repository;
  private final int accessTtl;
  private final int refreshTtl;
  private final int reuseGrace;

  public Tokens(TokenIssuer issuer, TokenRepository repository, int accessTtl, int refreshTtl, int reuseGrace) {
    this.issuer = issuer;
    this.repository = repository;
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    this.reuseGrace = reuseGrace;
  }

  /** A new sign-in: a new refresh-token family. */
  public Future<Session> start(User user) {
    String refresh = newRefreshToken();
    return repository.insert(user.id(), UUID.randomUUID(), hash(refresh), refreshTtl).map(v -> session(user, refresh));
  }

  /**
   * A new sign-in for an account whose password was just checked against {@code checked}'s hash. It starts
   * only if the account still has that hash and is enabled when the token is stored, so a password change,
   * disabling or deletion that commits meanwhile is never outlived by a sign-in made with the old state.
   */
  public Future<Session> startChecked(UserRepository.Credentials checked) {
    String refresh = newRefreshToken();
    return repository.insertIfUnchanged(checked.user().id(), checked.passwordHash(), UUID.randomUUID(), hash(refresh), refreshTtl)
      .compose(started -> started ? Future.succeededFuture(session(checked.user(), refresh))
        : refused("The account changed while signing in (its password or status). Sign in again."));
  }

  /** Trades a refresh token for a new pair; every refusal is a 401 that asks the person to sign in again. */
  public Future<Session> refresh(String presented) {
    String next = newRefreshToken();
    return repository.rotate(hash(presented), hash(next), refreshTtl, reuseGrace).compose(rotation -> switch (rotation.outcome()) {
      case ROTATED -> Future.succeededFuture(session(rotation.user(), next));
      case REUSED -> refused("This refresh token was already used, so every session started with it has been ended. Sign in again.");
      case EXPIRED -> refused("This refresh token has expired. Sign in again.");
      case DISABLED -> refused("This account has been disabled. Contact an administrator.");
      case REVOKED, UNKNOWN -> refused("This refresh token is not valid. Sign in again.");
    });
  }

  public Future<Void> revoke(String presented) {
    return repository.revokeFamilyOf(hash(presented));
  }

  public Future<Integer> purgeExpired() {
    return repository.purgeExpired();
  }

  private Session session(User user, String refresh) {
    return new Session(user, issuer.issue(user.principal(), accessTtl), refresh, accessTtl);
  }

  private static Future<Session> refused(String why) {
    return Future.failedFuture(ApiException.unauthorized(why));
  }

  static String newRefreshToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
