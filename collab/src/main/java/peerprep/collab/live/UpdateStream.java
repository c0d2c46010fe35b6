package peerprep.collab.live;

import io.vertx.core.Future;
import peerprep.collab.session.Envelope;
import peerprep.collab.session.SessionRepository;

import java.util.function.Consumer;

/**
 * The updates one socket has been sent. Live updates are forwarded as they are when they continue
 * exactly where the socket is; a gap (a missed channel message) or an overlap is filled from the log,
 * so a client always sees every version once, in order.
 */
final class UpdateStream {
  private final SessionRepository sessions;
  private final String sessionId;
  private final Consumer<String> send;
  private boolean synced;
  private int sent;

  UpdateStream(SessionRepository sessions, String sessionId, Consumer<String> send) {
    this.sessions = sessions;
    this.sessionId = sessionId;
    this.send = send;
  }

  Future<Void> forward(Envelope envelope) {
    if (!synced) {
      return Future.succeededFuture();
    }
    int from = envelope.version();
    int to = from + envelope.count();
    if (to <= sent) {
      return Future.succeededFuture();
    }
    if (from == sent) {
      send.accept(envelope.frame());
      sent = to;
      return Future.succeededFuture();
    }
    return catchUp(sent);
  }

  /** Sends every logged update from {@code from} on. */
  Future<Void> catchUp(int from) {
    return sessions.log(sessionId, from).map(entries -> {
      if (!entries.isEmpty()) {
        send.accept(new ServerFrame.Updates(from, entries).encode());
      }
      synced(from + entries.size());
      return null;
    });
  }

  /** Fills any gap since the last update sent (after the channel may have dropped messages). */
  Future<Void> resync() {
    return synced ? catchUp(sent) : Future.succeededFuture();
  }

  /** The client now holds the document at {@code version}. */
  void synced(int version) {
    synced = true;
    sent = version;
  }

  boolean isSynced() {
    return synced;
  }
}
