package peerprep.user;

import io.vertx.core.Future;
import peerprep.common.http.ApiException;

import java.util.Locale;
import java.util.UUID;

/**
 * Checks passwords behind the failed-attempt throttle: signing in, and confirming one's password before
 * a sensitive change. An unknown account is checked against a dummy hash, so it answers the same words
 * in about the same time as a wrong password.
 */
public final class Authenticator {
  static final String INVALID = "Invalid credentials.";
  private final UserRepository users;
  private final Passwords passwords;
  private final LoginThrottle throttle;

  public Authenticator(UserRepository users, Passwords passwords, LoginThrottle throttle) {
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
  }

  /** The caller's address as the throttle counts it. */
  public String clientAddress(io.vertx.core.http.HttpServerRequest request) {
    return throttle.clientAddress(request);
  }

  /** The account and the password hash the given password was checked against. */
  public Future<UserRepository.Credentials> login(LoginRequest request, String address) {
    return users.credentialsByLogin(request.identifier()).compose(found -> {
      String account = found == null ? "name:" + request.identifier().toLowerCase(Locale.ROOT) : found.user().id().toString();
      return attempt(account, found == null ? null : found.passwordHash(), request.password(), address)
        .compose(ok -> {
          if (!ok) {
            return Future.failedFuture(ApiException.unauthorized(INVALID));
          }
          if (found.user().disabled()) {
            return Future.failedFuture(ApiException.forbidden("This account has been disabled. Contact an administrator."));
          }
          return upgrade(found, request.password());
        });
    });
  }

  /**
   * Replaces a hash made with other parameters than the configured ones, now that the password is known.
   * The hash is only replaced while it is still the one checked, so a password change in between wins;
   * when the new hash cannot be stored, the sign-in goes on with the old one.
   */
  private Future<UserRepository.Credentials> upgrade(UserRepository.Credentials found, String password) {
    if (!passwords.outdated(found.passwordHash())) {
      return Future.succeededFuture(found);
    }
    return passwords.hash(password)
      .compose(hash -> users.replaceHash(found.user().id(), found.passwordHash(), hash)
        .map(replaced -> replaced ? new UserRepository.Credentials(found.user(), hash) : found))
      .otherwise(found);
  }

  /** The signed-in user's account after checking their password again; 403 when it is wrong. */
  public Future<UserRepository.Credentials> confirm(UUID userId, String password, String address) {
    return users.credentialsById(userId).compose(found -> {
      if (found == null) {
        return Future.failedFuture(Accounts.gone());
      }
      if (found.user().disabled()) {
        return Future.failedFuture(Accounts.disabled());
      }
      return attempt(userId.toString(), found.passwordHash(), password, address)
        .compose(ok -> ok ? Future.succeededFuture(found)
          : Future.failedFuture(ApiException.forbidden("The password is not correct.")));
    });
  }

  private Future<Boolean> attempt(String account, String hash, String password, String address) {
    return throttle.check(account, address)
      .compose(v -> passwords.verify(password, hash))
      .compose(ok -> ok
        ? throttle.clearAccount(account).map(true)
        : throttle.recordFailure(account, address).map(false));
  }
}
