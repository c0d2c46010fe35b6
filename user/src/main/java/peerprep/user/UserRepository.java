package peerprep.user;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import peerprep.common.http.ApiException;

import java.util.UUID;

/** The SQL of one's own account: sign-up, look-ups, profile, password, deletion. */
public final class UserRepository {
  private static final String RETURNING = " RETURNING " + User.COLUMNS;
  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  /** A user with the stored password hash, for the few places that check a password. */
  public record Credentials(User user, String passwordHash) {
    static Credentials fromRow(Row row) {
      return new Credentials(User.fromRow(row), row.getString("password_hash"));
    }
  }

  public Future<User> insert(Registration r, String passwordHash, String role) {
    return insert(pool, new AccountRow(r.username(), r.email(), passwordHash, r.displayName(), r.preferredLanguage(), role));
  }

  static Future<User> insert(SqlClient client, AccountRow a) {
    return client.preparedQuery("INSERT INTO users (id, username, email, password_hash, display_name, preferred_language, role) "
        + "VALUES ($1, $2, $3, $4, $5, $6, $7)" + RETURNING)
      .execute(Tuple.of(UUID.randomUUID(), a.username(), a.email(), a.passwordHash(), a.displayName(), a.preferredLanguage(), a.role()))
      .map(rows -> User.fromRow(rows.iterator().next()))
      .recover(UserRepository::conflict);
  }

  /** The columns of a new account. */
  record AccountRow(String username, String email, String passwordHash, String displayName, String preferredLanguage, String role) {
  }

  public Future<User> findById(UUID id) {
    return pool.preparedQuery("SELECT " + User.COLUMNS + " FROM users WHERE id = $1")
      .execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? null : User.fromRow(rows.iterator().next()));
  }

  public Future<Credentials> credentialsById(UUID id) {
    return credentials("id = $1", id);
  }

  /** By email when the identifier holds an '@', by username otherwise; both without regard to case. */
  public Future<Credentials> credentialsByLogin(String identifier) {
    return credentials(identifier.contains("@") ? "lower(email) = lower($1)" : "lower(username) = lower($1)", identifier);
  }

  private Future<Credentials> credentials(String where, Object value) {
    return pool.preparedQuery("SELECT " + User.COLUMNS + ", password_hash FROM users WHERE " + where)
      .execute(Tuple.of(value))
      .map(rows -> rows.size() == 0 ? null : Credentials.fromRow(rows.iterator().next()));
  }

  public Future<User> updateProfile(UUID id, ProfileChanges c) {
    return pool.preparedQuery("UPDATE users SET "
        + "display_name = CASE WHEN $2 THEN $3 ELSE display_name END, "
        + "preferred_language = CASE WHEN $4 THEN $5 ELSE preferred_language END, "
        + "updated_at = now() WHERE id = $1" + RETURNING)
      .execute(Tuple.of(id, c.changesDisplayName(), c.displayName(), c.changesLanguage(), c.preferredLanguage()))
      .map(UserRepository::firstOrNull);
  }

  /** Sets the new hash and revokes every refresh token of the account, together. */
  public Future<Void> changePassword(UUID id, String passwordHash) {
    return pool.withTransaction(conn -> conn
      .preparedQuery("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
      .execute(Tuple.of(id, passwordHash))
      .compose(r -> TokenRepository.revokeAll(conn, id)));
  }

  /** Swaps the stored hash for one of the same password while it is still {@code previous}; false otherwise. */
  public Future<Boolean> replaceHash(UUID id, String previous, String passwordHash) {
    return pool.preparedQuery("UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2")
      .execute(Tuple.of(id, previous, passwordHash))
      .map(rows -> rows.rowCount() == 1);
  }

  /** Deletes the account and queues the notice to the history service in the same transaction. */
  public Future<Boolean> delete(UUID id) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM users WHERE id = $1").execute(Tuple.of(id))
      .compose(deleted -> deleted.rowCount() == 0 ? Future.succeededFuture(false)
        : OutboxRepository.enqueue(conn, id).map(true)));
  }

  static User firstOrNull(RowSet<Row> rows) {
    return rows.size() == 0 ? null : User.fromRow(rows.iterator().next());
  }

  private static <T> Future<T> conflict(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      String constraint = String.valueOf(pg.getConstraint()) + " " + pg.getErrorMessage();
      if (constraint.contains("users_username_unique")) {
        return Future.failedFuture(ApiException.conflict("That username is already taken; choose another."));
      }
      if (constraint.contains("users_email_unique")) {
        return Future.failedFuture(ApiException.conflict("An account with that email address already exists; sign in instead."));
      }
    }
    return Future.failedFuture(e);
  }
}
