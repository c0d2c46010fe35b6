package peerprep.matching.making;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.matching.peers.PeerFailure;
import peerprep.matching.peers.Peers;
import peerprep.matching.queue.Events;
import peerprep.matching.queue.MatchQueue;
import peerprep.matching.queue.MatchRecord;
import peerprep.matching.queue.Pairing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a match out of a pairing: a question neither user attempted, the collaboration session, the
 * match log, and both users told. A job is safe to run again (after a task died holding it): the saved
 * question is reused, the session is idempotent by match id, and only the first finish tells the users.
 */
public final class Matchmaker {
  private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);
  private final MatchQueue queue;
  private final Peers peers;
  private final MatchRepository repository;
  private final Map<String, Future<Void>> running = new ConcurrentHashMap<>();

  public Matchmaker(MatchQueue queue, Peers peers, MatchRepository repository) {
    this.queue = queue;
    this.peers = peers;
    this.repository = repository;
  }

  /** Runs the job of a match unless this task runs it already; never fails (a failed job waits for its lease). */
  public Future<Void> run(String matchId) {
    Promise<Void> done = Promise.promise();
    Future<Void> current = running.putIfAbsent(matchId, done.future());
    if (current != null) {
      return current;
    }
    queue.pairing(matchId)
      .compose(p -> p == null ? Future.<Void>succeededFuture() : p.told() ? record(p.record()) : make(p))
      .onComplete(ar -> {
        if (ar.failed()) {
          LOG.warn("Match {} is left to its lease after: {}", matchId, ar.cause().getMessage());
        }
        running.remove(matchId);
        done.complete();
      });
    return done.future();
  }

  /** Completes when the jobs running now are over, so a stopping task finishes what it started. */
  public Future<Void> drain() {
    return Future.join(new ArrayList<>(running.values())).mapEmpty();
  }

  private Future<Void> make(Pairing p) {
    Future<JsonObject> question = p.question() != null ? Future.succeededFuture(p.question())
      : exclusions(p).compose(ids -> peers.pick(p.topic(), p.difficulty(), ids));
    return question
      .compose(q -> queue.savePick(p.matchId(), q))
      .compose(q -> q == null ? Future.<Void>succeededFuture()
        : peers.createSession(p, q, p.language()).compose(session -> tell(p, Peers.summary(q), session)))
      .recover(e -> undo(p, e));
  }

  /** Both users' attempted questions, asked of the history service in one call. */
  private Future<Set<String>> exclusions(Pairing p) {
    return peers.attempted(List.of(p.a().userId(), p.b().userId()))
      .<Set<String>>map(TreeSet::new)
      .recover(e -> {
        // a repeated question is better than no match at all
        LOG.warn("Picking without the attempted questions of match {}: {}", p.matchId(), e.getMessage());
        return Future.succeededFuture(Set.of());
      });
  }

  private Future<Void> tell(Pairing p, JsonObject question, String sessionId) {
    MatchRecord record = p.record(question, sessionId, System.currentTimeMillis());
    String language = p.language();
    JsonObject toA = Events.matched(p.a().requestId(), p, p.b(), sessionId, question, language);
    JsonObject toB = Events.matched(p.b().requestId(), p, p.a(), sessionId, question, language);
    // the log entry comes first, but a database outage must not keep a ready session from its users
    Future<Boolean> logged = repository.insert(record).map(true).recover(e -> {
      LOG.warn("Match {} could not be logged yet: {}", p.matchId(), e.getMessage());
      return Future.succeededFuture(false);
    });
    return logged.compose(ok -> queue.finish(p.matchId(), sessionId, toA, toB, record, ok)).map(told -> {
      if (told) {
        LOG.info("Match {} made on {} ({}) in session {}", p.matchId(), p.topic(), p.difficulty(), sessionId);
      }
      return null;
    });
  }

  /** Writes the log entry of a match whose users were told before the database took it. */
  private Future<Void> record(MatchRecord record) {
    return repository.insert(record).compose(v -> queue.done(record.matchId()));
  }

  private Future<Void> undo(Pairing p, Throwable e) {
    if (!(e instanceof PeerFailure failure)) {
      return Future.failedFuture(e);
    }
    if (failure.permanent()) {
      LOG.info("Match {} on {} cannot be made: {}", p.matchId(), p.topic(), failure.getMessage());
      return queue.fail(p.matchId(), "no-questions", failure.getMessage()).mapEmpty();
    }
    LOG.warn("Match {} requeued: {}", p.matchId(), failure.getMessage());
    return queue.requeue(p.matchId(), failure.getMessage()).mapEmpty();
  }
}
