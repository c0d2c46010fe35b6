package peerprep.matching.making;

import io.vertx.core.Future;
import peerprep.common.auth.Principal;
import peerprep.matching.queue.Enqueued;
import peerprep.matching.queue.MatchQueue;
import peerprep.matching.queue.MatchRequest;

/**
 * Takes a user's request into the queue: an ordinary one behind everyone waiting, a rematch (after a
 * partner left the session) at the place its user had when they first asked, once per match. A rematch
 * the match log cannot grant (not the user's session, or its place already given back) is an ordinary
 * request.
 */
public final class Intake {
  private final MatchQueue queue;
  private final MatchRepository repository;

  public Intake(MatchQueue queue, MatchRepository repository) {
    this.queue = queue;
    this.repository = repository;
  }

  public Future<Enqueued> enqueue(String requestId, Principal user, MatchRequest req, String socketId) {
    Future<Long> place = req.rematchOf() == null ? Future.succeededFuture()
      : repository.claimPlace(req.rematchOf(), user.id());
    return place.compose(at -> queue.enqueue(requestId, user, req, socketId, at));
  }
}
