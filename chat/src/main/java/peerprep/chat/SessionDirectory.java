package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import peerprep.common.auth.Auth;
import peerprep.common.auth.Principal;
import peerprep.common.discovery.Discovery;
import peerprep.common.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Asks the collaboration service who belongs to a session, and remembers the answer briefly so that a
 * burst of connects and REST reads does not turn into a burst of lookups. Concurrent lookups of one
 * session share a single request.
 */
final class SessionDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(SessionDirectory.class);
  private static final long TIMEOUT_MS = 3_000;
  private final Vertx vertx;
  private final Discovery discovery;
  private final String internalToken;
  private final long cacheMs;
  private final Map<String, Cached> cache = new HashMap<>();
  private final Map<String, Future<SessionInfo>> inflight = new HashMap<>();
  private final long sweepTimer;

  SessionDirectory(Vertx vertx, Discovery discovery, ChatConfig config) {
    this.vertx = vertx;
    this.discovery = discovery;
    this.internalToken = config.internalToken();
    this.cacheMs = config.sessionCacheMs();
    this.sweepTimer = vertx.setPeriodic(Math.max(1_000, cacheMs), id -> sweep());
  }

  /** The session when the principal takes part in it; 404 when it is unknown, 403 when they are not in it. */
  Future<SessionInfo> admit(String sessionId, Principal principal) {
    return lookup(sessionId).compose(info -> info.hasParticipant(principal.id())
      ? Future.succeededFuture(info)
      : Future.failedFuture(ApiException.forbidden("You are not a participant of this session.")));
  }

  Future<SessionInfo> lookup(String sessionId) {
    Cached hit = cache.get(sessionId);
    if (hit != null && hit.expiresAt > System.currentTimeMillis()) {
      return Future.succeededFuture(hit.info);
    }
    Future<SessionInfo> pending = inflight.get(sessionId);
    if (pending != null) {
      return pending;
    }
    Future<SessionInfo> fetched = fetch(sessionId).andThen(ar -> {
      inflight.remove(sessionId);
      if (ar.succeeded()) {
        cache.put(sessionId, new Cached(ar.result(), System.currentTimeMillis() + cacheMs));
      }
    });
    if (!fetched.isComplete()) {
      inflight.put(sessionId, fetched);
    }
    return fetched;
  }

  /** Remembers that the session ended, so sockets of this task stop offering to send at once. */
  void markEnded(String sessionId) {
    Cached hit = cache.get(sessionId);
    if (hit != null) {
      cache.put(sessionId, new Cached(hit.info.asEnded(), hit.expiresAt));
    }
  }

  /** Forgets the session, so the next socket asks the collaboration service again whether it exists. */
  void forget(String sessionId) {
    cache.remove(sessionId);
  }

  void close() {
    vertx.cancelTimer(sweepTimer);
  }

  private Future<SessionInfo> fetch(String sessionId) {
    return discovery.client("collaboration-service")
      .compose(client -> request(client, sessionId))
      .recover(e -> {
        if (e instanceof ApiException api && api.status() == 404) {
          return Future.failedFuture(e);
        }
        LOG.warn("Could not look up session {} at the collaboration service: {}", sessionId, e.getMessage());
        return Future.failedFuture(ApiException.unavailable("The session service cannot be reached right now; try again shortly."));
      });
  }

  private Future<SessionInfo> request(WebClient client, String sessionId) {
    return client.get("/internal/sessions/" + sessionId)
      .putHeader(Auth.INTERNAL_HEADER, internalToken)
      .timeout(TIMEOUT_MS)
      .send()
      .compose(response -> {
        if (response.statusCode() == 404) {
          return Future.failedFuture(ApiException.notFound("No session " + sessionId + " exists."));
        }
        return Future.succeededFuture(response).expecting(HttpResponseExpectation.SC_SUCCESS)
          .map(HttpResponse::bodyAsJsonObject)
          .map(body -> SessionInfo.fromJson(sessionId, body));
      });
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    cache.values().removeIf(c -> c.expiresAt <= now);
  }

  private record Cached(SessionInfo info, long expiresAt) {
  }
}
