package peerprep.user;

import io.vertx.core.Future;
import peerprep.common.auth.Principal;
import peerprep.common.auth.Revocations;
import peerprep.common.http.ApiException;

import java.util.UUID;

/** One's own account: sign-up, the current profile, password change and deletion. */
public final class Accounts {
  private final UserRepository users;
  private final Passwords passwords;
  private final Authenticator authenticator;
  private final Tokens tokens;
  private final DeletionOutbox outbox;
  private final Revocations revocations;

  public Accounts(UserRepository users, Passwords passwords, Authenticator authenticator, Tokens tokens, DeletionOutbox outbox,
                  Revocations revocations) {
    this.revocations = revocations;
    this.users = users;
    this.passwords = passwords;
    this.authenticator = authenticator;
    this.tokens = tokens;
    this.outbox = outbox;
  }
  public String clientAddress(io.vertx.core.http.HttpServerRequest request) {
    return authenticator.clientAddress(request);
  }


  static ApiException gone() {
    return ApiException.unauthorized("The account this token was issued to no longer exists.");
  }

  static ApiException disabled() {
    return ApiException.forbidden("This account has been disabled. Contact an administrator.");
  }

  public Future<Session> register(Registration registration) {
    return passwords.hash(registration.password())
      .compose(hash -> users.insert(registration, hash, User.ROLE_USER))
      .compose(tokens::start);
  }

  /** The caller's account as stored now: 401 when it was deleted, 403 when it is disabled. */
  public Future<User> current(Principal principal) {
    return users.findById(idOf(principal)).compose(user -> {
      if (user == null) {
        return Future.failedFuture(gone());
      }
      return user.disabled() ? Future.failedFuture(disabled()) : Future.succeededFuture(user);
    });
  }

  public Future<User> updateProfile(Principal principal, ProfileChanges changes) {
    return current(principal)
      .compose(user -> users.updateProfile(user.id(), changes))
      .compose(user -> user == null ? Future.failedFuture(gone()) : Future.succeededFuture(user));
  }

  /**
   * Sets a new password, ends every session of the account (refresh tokens here, access tokens in every
   * service through the revocations), and starts a fresh one for the caller.
   */
  public Future<Session> changePassword(Principal principal, PasswordChange change, String address) {
    return authenticator.confirm(idOf(principal), change.currentPassword(), address).compose(found -> {
      User user = found.user();
      PasswordPolicy.check(change.newPassword(), user.username(), user.email());
      return passwords.hash(change.newPassword())
        .compose(hash -> revocations.revoke(user.id().toString()).recover(Accounts::notRevoked).map(hash))
        .compose(hash -> users.changePassword(user.id(), hash)
          .compose(v -> tokens.startChecked(new UserRepository.Credentials(user, hash))));
    });
  }

  /** Deletes the account; the history service hears of it through the outbox. */
  public Future<Void> delete(Principal principal, String password, String address) {
    return authenticator.confirm(idOf(principal), password, address)
      .compose(found -> revocations.revoke(found.user().id().toString()).recover(Accounts::notRevoked).map(found))
      .compose(found -> users.delete(found.user().id()))
      .compose(deleted -> {
        if (!deleted) {
          return Future.failedFuture(gone());
        }
        outbox.deliverSoon();
        return Future.succeededFuture();
      });
  }

  /**
   * Tokens are revoked before the change is stored, so a change is never in effect while old tokens still
   * work elsewhere; when the revocation cannot be stored, nothing changes.
   */
  static <T> Future<T> notRevoked(Throwable e) {
    return Future.failedFuture(ApiException.unavailable(
      "The change could not be applied right now (sessions elsewhere could not be signed out). Try again in a moment."));
  }

  private static UUID idOf(Principal principal) {
    return UUID.fromString(principal.id());
  }
}
