package peerprep.user;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/** The SQL of refresh tokens: issue, rotate, revoke, purge. Tokens are only ever seen here as hashes. */
public final class TokenRepository {
  private final Pool pool;

  public TokenRepository(Pool pool) {
    this.pool = pool;
  }

  /** What presenting a refresh token led to; only ROTATED carries a user. */
  public enum Outcome { ROTATED, UNKNOWN, REVOKED, EXPIRED, REUSED, DISABLED }

  public record Rotation(Outcome outcome, User user) {
  }

  public Future<Void> insert(UUID userId, UUID familyId, String hash, int ttlSeconds) {
    return insert(pool, userId, familyId, hash, ttlSeconds);
  }

  /**
   * Starts a family only while the account still has {@code passwordHash} and is enabled; false otherwise.
   * The share lock on the account waits for a change in flight and then sees its result.
   */
  public Future<Boolean> insertIfUnchanged(UUID userId, String passwordHash, UUID familyId, String hash, int ttlSeconds) {
    return pool.withTransaction(conn -> conn
      .preparedQuery("SELECT 1 FROM users WHERE id = $1 AND password_hash = $2 AND NOT disabled FOR SHARE")
      .execute(Tuple.of(userId, passwordHash))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
        : insert(conn, userId, familyId, hash, ttlSeconds).map(true)));
  }

  private static Future<Void> insert(SqlClient client, UUID userId, UUID familyId, String hash, int ttlSeconds) {
    return client.preparedQuery("INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) "
        + "VALUES ($1, $2, $3, now() + $4 * interval '1 second')")
      .execute(Tuple.of(hash, familyId, userId, ttlSeconds))
      .mapEmpty();
  }

  /**
   * Replaces a live token with a new one of the same family. Every change to a family's newest token
   * happens under the family's advisory lock, so rotations of one family run one after another and each
   * sees the others' results. A replaced token is a reuse and revokes the family, unless it was replaced
   * less than {@code graceSeconds} ago: then a client lost the answer to its refresh (a page reload while
   * the request was in flight), and the family's newest token is revoked and replaced instead, so the
   * family keeps exactly one live token. Revocations commit even though the caller answers 401.
   */
  public Future<Rotation> rotate(String presentedHash, String newHash, int ttlSeconds, int graceSeconds) {
    return pool.withTransaction(conn -> lockFamily(conn, presentedHash)
      .compose(found -> !found ? Future.succeededFuture(new Rotation(Outcome.UNKNOWN, null))
        : conn.preparedQuery("SELECT t.family_id, t.replaced_at IS NOT NULL AS replaced, "
            + "t.replaced_at > now() - $2 * interval '1 second' AS in_grace, "
            + "t.revoked_at IS NOT NULL AS revoked, t.expires_at <= now() AS expired, "
            + User.columns("u") + " FROM refresh_tokens t JOIN users u ON u.id = t.user_id "
            + "WHERE t.token_hash = $1 FOR UPDATE OF t")
          .execute(Tuple.of(presentedHash, graceSeconds))
          .compose(rows -> rows.size() == 0 ? Future.succeededFuture(new Rotation(Outcome.UNKNOWN, null))
            : decide(conn, rows.iterator().next(), presentedHash, newHash, ttlSeconds))));
  }

  private static Future<Rotation> decide(SqlConnection conn, Row row, String presentedHash, String newHash, int ttlSeconds) {
    UUID family = row.getUUID("family_id");
    User user = User.fromRow(row);
    boolean replaced = row.getBoolean("replaced");
    if (row.getBoolean("revoked")) {
      return Future.succeededFuture(new Rotation(Outcome.REVOKED, null));
    }
    if (replaced && !row.getBoolean("in_grace")) {
      return revokeFamily(conn, family).map(new Rotation(Outcome.REUSED, null));
    }
    if (user.disabled()) {
      return revokeFamily(conn, family).map(new Rotation(Outcome.DISABLED, null));
    }
    if (row.getBoolean("expired")) {
      return Future.succeededFuture(new Rotation(Outcome.EXPIRED, null));
    }
    Future<Boolean> retired = replaced ? retireHead(conn, family) : conn.preparedQuery(
        "UPDATE refresh_tokens SET replaced_at = now() WHERE token_hash = $1")
      .execute(Tuple.of(presentedHash))
      .map(true);
    return retired.compose(live -> !live ? Future.succeededFuture(new Rotation(Outcome.REVOKED, null))
      : insert(conn, user.id(), family, newHash, ttlSeconds).map(new Rotation(Outcome.ROTATED, user)));
  }

  /**
   * Revokes the family's newest token, the one a reuse within the grace supersedes; false when the family
   * has no live token left (it was revoked meanwhile).
   */
  private static Future<Boolean> retireHead(SqlConnection conn, UUID family) {
    return conn.preparedQuery("UPDATE refresh_tokens SET replaced_at = now(), revoked_at = now() "
        + "WHERE family_id = $1 AND replaced_at IS NULL AND revoked_at IS NULL")
      .execute(Tuple.of(family))
      .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Takes the transaction-scoped advisory lock of the token's family (two keys: this lock's class and the
   * family), then a share lock on the account that owns it; false when the token or the account is gone.
   * The account comes before any token row, the order every change to an account (password, disabling,
   * deletion) takes too: such a change either commits first, and this transaction then sees the family
   * revoked or gone, or waits until this one commits, and then revokes the token it issued as well.
   */
  private static Future<Boolean> lockFamily(SqlConnection conn, String hash) {
    return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('peerprep-user-refresh-family'), hashtext(family_id::text)) "
        + "FROM refresh_tokens WHERE token_hash = $1")
      .execute(Tuple.of(hash))
      .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
        : conn.preparedQuery("SELECT 1 FROM users WHERE id = (SELECT user_id FROM refresh_tokens WHERE token_hash = $1) FOR SHARE")
          .execute(Tuple.of(hash))
          .map(owner -> owner.size() > 0));
  }

  /**
   * Revokes the family the token belongs to; an unknown token changes nothing. Under the family's lock, so a
   * rotation in flight either finishes first and its new token is revoked too, or finds the family revoked.
   */
  public Future<Void> revokeFamilyOf(String hash) {
    return pool.withTransaction(conn -> lockFamily(conn, hash)
      .compose(found -> !found ? Future.<Void>succeededFuture()
        : conn.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL "
            + "AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)")
          .execute(Tuple.of(hash))
          .mapEmpty()));
  }

  private static Future<Void> revokeFamily(SqlClient client, UUID family) {
    return client.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL")
      .execute(Tuple.of(family))
      .mapEmpty();
  }

  /** Revokes every token of the account, within the caller's transaction. */
  static Future<Void> revokeAll(SqlClient client, UUID userId) {
    return client.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL")
      .execute(Tuple.of(userId))
      .mapEmpty();
  }

  /** Drops tokens expired for over a day; they can no longer be used, so reuse detection loses nothing. */
  public Future<Integer> purgeExpired() {
    return pool.query("DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'")
      .execute()
      .map(rows -> rows.rowCount());
  }
}
