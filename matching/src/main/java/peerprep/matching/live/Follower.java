package peerprep.matching.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** What the hub needs of a socket: who it is, which requests it follows, and how to show it news. */
interface Follower {
  String id();

  String userId();

  /** Still finding out which request it follows: news of any request of its user is for it. */
  boolean attaching();

  /** The requests it follows. */
  List<String> following();

  /** The followed requests the queue confirmed, which must still exist. */
  List<String> confirmed();

  /** A frame the queue sent about one of its requests. */
  void receive(String requestId, JsonObject frame);

  /** The queue no longer has the request. */
  void lost(String requestId);

  /** Shows the current state of the user's request again. */
  Future<Void> resync();

  /** Closes the socket as the server stops. */
  Future<Void> goAway();
}
