package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Auth;
import peerprep.common.discovery.Discovery;

import java.util.List;

/**
 * Tells the history service about deleted accounts ({@code DELETE /internal/users/{id}}) from the durable
 * outbox, on a timer and right after each deletion. A notice leaves the outbox when the history service
 * answers 2xx or 404; anything else is retried with exponential backoff.
 */
public final class DeletionOutbox {
  /** Local event-bus address that hears the id of each account whose deletion the history service took. */
  public static final String DELIVERED = "peerprep.user.deletion-delivered";
  static final String HISTORY = "history-service";
  private static final Logger LOG = LoggerFactory.getLogger(DeletionOutbox.class);
  private static final int BATCH = 20;
  private final Vertx vertx;
  private final OutboxRepository repository;
  private final Discovery discovery;
  private final String internalToken;
  private final UserConfig.Outbox settings;
  private boolean running;
  private long timer = -1;

  public DeletionOutbox(Vertx vertx, OutboxRepository repository, Discovery discovery, String internalToken, UserConfig.Outbox settings) {
    this.vertx = vertx;
    this.repository = repository;
    this.discovery = discovery;
    this.internalToken = internalToken;
    this.settings = settings;
  }

  public void start() {
    timer = vertx.setPeriodic(settings.intervalMs(), id -> deliverDue());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  public void deliverSoon() {
    vertx.runOnContext(v -> deliverDue());
  }

  /** One round: claims what is due and tries each; rounds never overlap within a task. */
  Future<Void> deliverDue() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return repository.claimDue(BATCH, settings.backoffBaseMs(), settings.backoffMaxMs())
      .compose(this::deliverAll)
      .onFailure(e -> LOG.warn("The deletion outbox could not be read: {}", e.getMessage()))
      .andThen(ar -> running = false)
      .mapEmpty();
  }

  private Future<?> deliverAll(List<OutboxRepository.Notice> notices) {
    return Future.join(notices.stream().map(this::deliver).toList());
  }

  private Future<Void> deliver(OutboxRepository.Notice notice) {
    return discovery.client(HISTORY)
      .compose(client -> client.request(HttpMethod.DELETE, "/internal/users/" + notice.userId())
        .putHeader(Auth.INTERNAL_HEADER, internalToken)
        .timeout(settings.timeoutMs())
        .send())
      .compose(response -> settled(response)
        ? repository.delivered(notice.id()).onSuccess(v -> vertx.eventBus().publish(DELIVERED, notice.userId().toString()))
        : Future.failedFuture("history-service answered " + response.statusCode()))
      .recover(e -> {
        LOG.warn("Deletion of user {} not yet delivered (attempt {}): {}", notice.userId(), notice.attempts(), e.getMessage());
        return repository.failed(notice.id(), String.valueOf(e.getMessage()));
      });
  }

  private static boolean settled(HttpResponse<?> response) {
    int status = response.statusCode();
    return status / 100 == 2 || status == 404;
  }
}
