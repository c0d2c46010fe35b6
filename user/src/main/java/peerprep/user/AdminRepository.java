package peerprep.user;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of account administration: search, role and status changes, the first admin. */
public final class AdminRepository {
  private static final String MATCHES = "($1::text IS NULL OR username ILIKE $1 OR email ILIKE $1 OR display_name ILIKE $1)";
  private final Pool pool;

  public AdminRepository(Pool pool) {
    this.pool = pool;
  }

  /** One page of accounts, oldest first, and how many match in all. */
  public record Page(List<User> items, int page, int size, long total) {
  }

  public Future<Page> search(String fragment, int page, int size) {
    String pattern = fragment == null ? null : "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    Future<List<User>> items = pool.preparedQuery("SELECT " + User.COLUMNS + " FROM users WHERE " + MATCHES
        + " ORDER BY created_at, id LIMIT $2 OFFSET $3")
      .execute(Tuple.of(pattern, size, (long) (page - 1) * size))
      .map(rows -> {
        List<User> out = new ArrayList<>();
        rows.forEach(row -> out.add(User.fromRow(row)));
        return out;
      });
    Future<Long> total = pool.preparedQuery("SELECT count(*) AS n FROM users WHERE " + MATCHES)
      .execute(Tuple.of(pattern))
      .map(rows -> rows.iterator().next().getLong("n"));
    return Future.all(items, total).map(all -> new Page(items.result(), page, size, total.result()));
  }

  /** Applies a role or status change; disabling also revokes the account's refresh tokens. */
  public Future<User> update(UUID id, AdminChanges c) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE users SET role = COALESCE($2, role), "
          + "disabled = COALESCE($3, disabled), updated_at = now() WHERE id = $1 RETURNING " + User.COLUMNS)
      .execute(Tuple.of(id, c.role(), c.disabled()))
      .map(UserRepository::firstOrNull)
      .compose(user -> user != null && user.disabled()
        ? TokenRepository.revokeAll(conn, id).map(user)
        : Future.succeededFuture(user)));
  }

  public Future<Boolean> adminExists() {
    return pool.query("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin') AS present").execute()
      .map(rows -> rows.iterator().next().getBoolean("present"));
  }

  /**
   * Creates the admin unless one exists. The transaction-scoped advisory lock makes two tasks starting
   * at once take turns, so the second sees the first one's admin.
   */
  public Future<User> createFirstAdmin(UserConfig.AdminSeed seed, String passwordHash) {
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('peerprep-user-first-admin'))").execute()
      .compose(locked -> conn.query("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin') AS present").execute())
      .compose(rows -> rows.iterator().next().getBoolean("present") ? Future.succeededFuture(null)
        : UserRepository.insert(conn, new UserRepository.AccountRow(seed.username(), seed.email(), passwordHash,
          null, null, User.ROLE_ADMIN))));
  }
}
