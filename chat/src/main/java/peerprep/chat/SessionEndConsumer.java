package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Consumes the ended-sessions stream for this task: closes the session's chat to new messages, tells
 * its sockets, hands the transcript to the history service and only then acknowledges the entry. An
 * entry whose consumer died or gave up is claimed again on a timer, so each one is eventually handled;
 * every step is idempotent, so a repeat after a crash does no harm.
 */
final class SessionEndConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(SessionEndConsumer.class);
  private static final int BATCH = 16;
  private static final long BLOCK_MS = 2_000;
  /** The history service refuses longer transcripts, and a refused one would be retried forever. */
  private static final int HISTORY_MAX_MESSAGES = 2_000;
  private final Vertx vertx;
  private final Redis blockingClient;
  private final EndedSessionsRepository ended;
  private final ChatRepository chat;
  private final TranscriptSender transcripts;
  private final ChatConfig config;
  private final String consumer = "chat-" + UUID.randomUUID();
  private final Set<String> handling = new HashSet<>();
  private RedisConnection connection;
  private long claimTimer = -1;
  private boolean claiming;
  private boolean stopped;

  SessionEndConsumer(Vertx vertx, Redis blockingClient, EndedSessionsRepository ended, ChatRepository chat,
                     TranscriptSender transcripts, ChatConfig config) {
    this.vertx = vertx;
    this.blockingClient = blockingClient;
    this.ended = ended;
    this.chat = chat;
    this.transcripts = transcripts;
    this.config = config;
  }

  Future<Void> start() {
    return ended.ensureGroup().compose(v -> blockingClient.connect()).map(c -> {
      connection = c;
      claimTimer = vertx.setPeriodic(config.claimIntervalMs(), id -> claim());
      poll();
      return null;
    });
  }

  Future<Void> stop() {
    stopped = true;
    if (claimTimer >= 0) {
      vertx.cancelTimer(claimTimer);
    }
    return blockingClient.close();
  }

  private void poll() {
    if (stopped) {
      return;
    }
    ended.read(connection, consumer, BATCH, BLOCK_MS)
      .compose(this::handleAll)
      .onSuccess(v -> poll())
      .onFailure(this::recoverPolling);
  }

  private void recoverPolling(Throwable e) {
    if (stopped) {
      return;
    }
    LOG.warn("Reading {} failed: {}; retrying", EndedSessionsRepository.STREAM, e.getMessage());
    Future<Void> repair = e.getMessage() != null && e.getMessage().startsWith("NOGROUP")
      ? ended.ensureGroup()
      : reconnect();
    vertx.timer(1_000).compose(v -> repair).onComplete(ar -> poll());
  }

  /** The blocking connection is the client's only one, so it is given back before another is taken. */
  private Future<Void> reconnect() {
    RedisConnection old = connection;
    return (old == null ? Future.<Void>succeededFuture() : old.close())
      .transform(ar -> blockingClient.connect())
      .map(c -> {
        connection = c;
        return null;
      });
  }

  private void claim() {
    if (claiming || stopped) {
      return;
    }
    claiming = true;
    ended.claim(consumer, config.claimIdleMs(), BATCH)
      .compose(this::handleAll)
      .onFailure(e -> LOG.warn("Claiming stale ended-session entries failed: {}", e.getMessage()))
      .onComplete(ar -> claiming = false);
  }

  private Future<Void> handleAll(List<EndedSessionsRepository.Entry> entries) {
    Future<Void> chain = Future.succeededFuture();
    for (EndedSessionsRepository.Entry entry : entries) {
      chain = chain.compose(v -> handle(entry).recover(e -> {
        if (e instanceof TranscriptSender.Refused refused) {
          return deadLetter(entry, refused);
        }
        LOG.error("Transcript of session {} not delivered yet ({}); the entry stays pending", entry.sessionId(), e.getMessage());
        return Future.succeededFuture();
      }));
    }
    return chain;
  }

  /** A transcript the history service refuses is set aside with an alert instead of being retried forever. */
  private Future<Void> deadLetter(EndedSessionsRepository.Entry entry, TranscriptSender.Refused refused) {
    LOG.error("ALERT dead-letter: the transcript of session {} was refused ({}); kept in {} for an operator",
      entry.sessionId(), refused.getMessage(), ChatRepository.DEAD_LETTERS);
    return chat.deadLetter(entry.sessionId(), refused.status(), refused.getMessage())
      .compose(v -> ended.ack(entry.id()))
      .recover(e -> {
        LOG.error("Dead-lettering the transcript of session {} failed: {}", entry.sessionId(), e.getMessage());
        return Future.succeededFuture();
      });
  }

  private Future<Void> handle(EndedSessionsRepository.Entry entry) {
    if (!peerprep.common.vocab.SessionIds.valid(entry.sessionId())) {
      LOG.warn("Acknowledging ended-session entry {} that names no valid session", entry.id());
      return ended.ack(entry.id());
    }
    if (!handling.add(entry.id())) {
      return Future.succeededFuture();
    }
    String sessionId = SessionIds.parse(entry.sessionId());
    return chat.markEnded(sessionId)
      .compose(v -> chat.publishEnded(sessionId))
      .compose(v -> chat.recent(sessionId, Math.min(config.maxMessages(), HISTORY_MAX_MESSAGES)))
      .compose(messages -> transcripts.send(sessionId, messages))
      .compose(v -> ended.ack(entry.id()))
      .onSuccess(v -> LOG.info("Transcript of session {} handed to the history service", sessionId))
      .andThen(ar -> handling.remove(entry.id()));
  }
}
