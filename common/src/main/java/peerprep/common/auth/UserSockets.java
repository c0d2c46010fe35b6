package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.http.ApiException;
import peerprep.common.redis.RedisFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The open WebSockets of each user on this task, and their number across every task of the service.
 * Each socket holds a lease in a Redis sorted set per user (renewed while it is open, dropped when it
 * closes, expiring on its own if the task dies), so a user over the cap is refused with 429 on any task.
 * When the user's tokens are revoked, the sockets opened with a revoked token are closed with
 * {@value #REVOKED} and a reason.
 */
public final class UserSockets {
  /** The close code of a socket whose token was revoked. */
  public static final short REVOKED = 4401;
  public static final String REVOKED_REASON = "Signed out: the account was disabled or deleted, or its password or role changed.";
  static final long LEASE_MS = 60_000;
  static final long SWEEP_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(UserSockets.class);

  private final Vertx vertx;
  private final Redis redis;
  private final RedisFunctions functions;
  private final Revocations revocations;
  private final String service;
  private final int maxPerUser;
  private final Map<String, Map<String, Tracked>> byUser = new ConcurrentHashMap<>();
  private final long sweepTimer;
  private long lastRenew = System.currentTimeMillis();

  /**
   * @param common     the {@code common} function library ({@link RedisFunctions#common})
   * @param service    the service name, which keeps each service's count apart
   * @param maxPerUser the most sockets one user may hold open on the service, across its tasks
   */
  public UserSockets(Vertx vertx, Redis redis, RedisFunctions common, Revocations revocations, String service,
                     int maxPerUser) {
    this.vertx = vertx;
    this.redis = redis;
    this.functions = common;
    this.revocations = revocations;
    this.service = service;
    this.maxPerUser = maxPerUser;
    revocations.onRevoked(this::closeRevoked);
    sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> sweep());
  }

  public int maxPerUser() {
    return maxPerUser;
  }

  /**
   * Admits one more socket for the user and runs the upgrade; fails with 429 (and no upgrade) when the
   * user already holds the most sockets allowed. The socket counts until it closes.
   */
  public Future<ServerWebSocket> upgrade(Principal user, Supplier<Future<ServerWebSocket>> upgrade) {
    String socketId = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    List<Object> args = new ArrayList<>(List.of(now, maxPerUser, now + LEASE_MS, socketId));
    args.addAll(closedOf(user.id()));
    return functions.call("sockets_admit", List.of(key(user.id())), args)
      .recover(e -> {
        LOG.warn("Redis did not answer the socket count: {}", e.getMessage());
        return Future.failedFuture(ApiException.unavailable("Connections are briefly unavailable. Try again in a moment."));
      })
      .compose(r -> {
        if (r.toInteger() == 0) {
          return Future.failedFuture(ApiException.tooManyRequests("You already have " + maxPerUser
            + " connections open to this service; close one (another tab or window) first.", 5));
        }
        return upgrade.get()
          .onSuccess(ws -> track(user, socketId, ws))
          .onFailure(e -> release(user.id(), List.of(socketId)));
      });
  }

  /** Stops the sweep; the leases of this task's sockets expire on their own. */
  public void close() {
    vertx.cancelTimer(sweepTimer);
  }

  private void track(Principal user, String socketId, ServerWebSocket ws) {
    byUser.computeIfAbsent(user.id(), u -> new ConcurrentHashMap<>()).put(socketId, new Tracked(ws, user.issuedAtMs()));
    if (revocations.revoked(user.id(), user.issuedAtMs())) {
      ws.close(REVOKED, REVOKED_REASON);
    }
  }

  private void closeRevoked(String userId) {
    Map<String, Tracked> sockets = byUser.get(userId);
    if (sockets != null) {
      sockets.values().stream()
        .filter(t -> !t.ws().isClosed() && revocations.revoked(userId, t.issuedAtMs()))
        .forEach(t -> t.ws().close(REVOKED, REVOKED_REASON));
    }
  }

  /** The ids of the user's sockets here that have closed, forgotten locally as they are returned. */
  private List<String> closedOf(String userId) {
    Map<String, Tracked> sockets = byUser.get(userId);
    List<String> closed = new ArrayList<>();
    if (sockets != null) {
      sockets.entrySet().removeIf(e -> e.getValue().ws().isClosed() && closed.add(e.getKey()));
      byUser.remove(userId, Map.of());
    }
    return closed;
  }

  private void sweep() {
    for (String userId : List.copyOf(byUser.keySet())) {
      List<String> closed = closedOf(userId);
      if (!closed.isEmpty()) {
        release(userId, closed);
      }
    }
    long now = System.currentTimeMillis();
    if (now - lastRenew >= LEASE_MS / 3) {
      lastRenew = now;
      byUser.forEach((userId, sockets) -> {
        List<Object> args = new ArrayList<>(List.of(now + LEASE_MS));
        args.addAll(sockets.keySet());
        functions.call("sockets_renew", List.of(key(userId)), args).onFailure(e -> LOG.warn("Could not renew socket leases: {}", e.getMessage()));
      });
    }
  }

  private void release(String userId, List<String> socketIds) {
    Request zrem = Request.cmd(Command.ZREM).arg(key(userId));
    socketIds.forEach(zrem::arg);
    redis.send(zrem).onFailure(e -> LOG.warn("Could not release socket leases: {}", e.getMessage()));
  }

  private String key(String userId) {
    return "peerprep:" + service + ":sockets:" + userId;
  }

  private record Tracked(ServerWebSocket ws, long issuedAtMs) {
  }
}
