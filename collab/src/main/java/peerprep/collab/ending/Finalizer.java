package peerprep.collab.ending;

import io.vertx.core.Future;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.collab.CollabConfig.Timing;
import peerprep.collab.session.FinalizeRepository;
import peerprep.collab.session.FinalizeRepository.Claim;
import peerprep.common.auth.Auth;
import peerprep.common.discovery.Discovery;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers ended sessions to the history service: leases due outbox entries, posts each attempt, and on
 * a 2xx marks the session ended (which also writes the ended-stream entry). A failure schedules the next
 * try with exponential backoff; the entry stays in Redis until the history service confirms.
 */
public final class Finalizer {
  private static final Logger LOG = LoggerFactory.getLogger(Finalizer.class);
  private final FinalizeRepository outbox;
  private final Discovery discovery;
  private final String internalToken;
  private final Timing timing;
  private boolean running;

  public Finalizer(FinalizeRepository outbox, Discovery discovery, String internalToken, Timing timing) {
    this.outbox = outbox;
    this.discovery = discovery;
    this.internalToken = internalToken;
    this.timing = timing;
  }

  public Future<Void> run() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return outbox.claim()
      .compose(claims -> Future.join(claims.stream().map(this::deliver).toList()))
      .<Void>mapEmpty()
      .onFailure(e -> LOG.warn("Could not claim finalizations: {}", e.getMessage()))
      .eventually(() -> {
        running = false;
        return Future.succeededFuture();
      });
  }

  private Future<Void> deliver(Claim claim) {
    return outbox.attempt(claim.sessionId())
      .compose(attempt -> attempt == null ? Future.succeededFuture() : post(attempt)
        .compose(v -> outbox.complete(claim.sessionId()))
        .onSuccess(won -> LOG.info("Session {} finalized after {} attempt(s)", claim.sessionId(), claim.attempt())))
      .<Void>mapEmpty()
      .recover(e -> {
        long delay = backoff(claim.attempt());
        LOG.warn("Finalizing session {} failed (attempt {}): {}; next try in {} ms", claim.sessionId(), claim.attempt(),
          e.getMessage(), delay);
        return outbox.retryAt(claim.sessionId(), System.currentTimeMillis() + delay);
      });
  }

  private Future<Void> post(JsonObject attempt) {
    return discovery.client("history-service")
      .compose(client -> client.post("/internal/attempts")
        .putHeader(Auth.INTERNAL_HEADER, internalToken)
        .timeout(timing.historyTimeoutMs())
        .sendJsonObject(attempt))
      .expecting(HttpResponseExpectation.SC_SUCCESS)
      .mapEmpty();
  }

  long backoff(int attempt) {
    double base = Math.min(timing.retryMaxMs(), timing.retryBaseMs() * Math.pow(2, Math.min(attempt - 1, 30)));
    return (long) (base * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
  }
}
