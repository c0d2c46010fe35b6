package peerprep.common.db;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import peerprep.common.http.ApiException;

import java.util.Set;

/**
 * PostgreSQL's answers for a transaction that lost to a concurrent one (serialization failure, deadlock,
 * lock not available): it was rolled back, so the request saved nothing and may simply be sent again.
 * Clients get a 503 with {@code Retry-After}, never a 500.
 */
public final class LockConflicts {
  /** Seconds a client waits before sending the same request again. */
  public static final int RETRY_AFTER_SECONDS = 1;
  private static final Set<String> STATES = Set.of("40001", "40P01", "55P03");

  private LockConflicts() {
  }

  /** Whether {@code failure} is a transaction PostgreSQL gave up on because of a concurrent one. */
  public static boolean lost(Throwable failure) {
    return failure instanceof PgException pg && STATES.contains(pg.getSqlState());
  }

  /** The 503 for a lost conflict, with {@code detail} and {@code retryAfter}. */
  public static ApiException retry(String detail) {
    return new ApiException(503, "Service Unavailable", detail, new JsonObject().put("retryAfter", RETRY_AFTER_SECONDS));
  }
}
