package peerprep.collab.ending;

import io.vertx.core.Future;
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
 * try with exponential backoff; the entry stays in Redis until the history service confirms. An attempt
 * the history service refuses (a 4xx) goes to the dead-letter stream instead of being retried forever.
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
        .recover(e -> e instanceof Refused refused ? deadLetter(claim, attempt, refused) : Future.failedFuture(e))
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
      .compose(response -> {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return Future.<Void>succeededFuture();
        }
        String detail = "history answered " + status + ": " + response.bodyAsString();
        return Future.failedFuture(Refused.permanent(status) ? new Refused(status, detail) : new IllegalStateException(detail));
      });
  }

  /**
   * The history service refuses the attempt itself, so sending it again cannot help: the attempt is kept
   * in the dead-letter stream with an alert, and the session ends as if delivered.
   */
  private Future<Void> deadLetter(Claim claim, JsonObject attempt, Refused refused) {
    LOG.error("ALERT dead-letter: the attempt of session {} was refused ({}); kept in {} for an operator",
      claim.sessionId(), refused.getMessage(), FinalizeRepository.DEAD_LETTERS);
    return outbox.deadLetter(claim.sessionId(), refused.status(), refused.getMessage(), attempt);
  }

  /** A 4xx other than 408 or 429: the request itself is refused. */
  static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }

    static boolean permanent(int status) {
      return status >= 400 && status < 500 && status != 408 && status != 429;
    }
  }

  long backoff(int attempt) {
    double base = Math.min(timing.retryMaxMs(), timing.retryBaseMs() * Math.pow(2, Math.min(attempt - 1, 30)));
    return (long) (base * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
  }
}
