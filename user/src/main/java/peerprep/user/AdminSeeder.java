package peerprep.user;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.config.ConfigException;
import peerprep.common.http.ApiException;

/** Creates the first admin from configuration when the service starts and no admin exists yet. */
public final class AdminSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(AdminSeeder.class);
  private final AdminRepository admins;
  private final Passwords passwords;

  public AdminSeeder(AdminRepository admins, Passwords passwords) {
    this.admins = admins;
    this.passwords = passwords;
  }

  public Future<Void> seed(UserConfig.AdminSeed seed) {
    if (seed == null) {
      LOG.info("No first admin configured (ADMIN_USERNAME, ADMIN_EMAIL, SECRET_ADMIN_PASSWORD are unset); skipping");
      return Future.succeededFuture();
    }
    // The cheap check first spares every restart an Argon2 hash; the locked check decides.
    return admins.adminExists().compose(exists -> exists ? Future.succeededFuture(null)
        : passwords.hash(seed.password()).compose(hash -> admins.createFirstAdmin(seed, hash)))
      .recover(e -> Future.failedFuture(e instanceof ApiException taken
        ? new ConfigException("Malformed configuration: the first admin cannot be created from ADMIN_USERNAME / ADMIN_EMAIL: "
          + taken.getMessage()) : e))
      .onSuccess(created -> {
        if (created != null) {
          LOG.info("Created the first admin '{}'", created.username());
        } else {
          LOG.info("An admin exists already; the first admin from configuration is not needed");
        }
      })
      .mapEmpty();
  }
}
