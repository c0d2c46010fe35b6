package peerprep.matching;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sockets of this task, by the requests they follow and by user; routes queue notifications to them. */
final class SocketHub {
  private static final Logger LOG = LoggerFactory.getLogger(SocketHub.class);
  private final Map<String, Set<MatchSocket>> byRequest = new ConcurrentHashMap<>();
  private final Map<String, Set<MatchSocket>> byUser = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  void add(MatchSocket socket) {
    byUser.computeIfAbsent(socket.userId(), u -> ConcurrentHashMap.newKeySet()).add(socket);
  }

  void remove(MatchSocket socket) {
    byUser.computeIfPresent(socket.userId(), (u, set) -> {
      set.remove(socket);
      return set.isEmpty() ? null : set;
    });
    socket.following().forEach(id -> unfollow(socket, id));
  }

  void follow(MatchSocket socket, String requestId) {
    byRequest.computeIfAbsent(requestId, r -> ConcurrentHashMap.newKeySet()).add(socket);
  }

  void unfollow(MatchSocket socket, String requestId) {
    byRequest.computeIfPresent(requestId, (r, set) -> {
      set.remove(socket);
      return set.isEmpty() ? null : set;
    });
  }

  /** From now on sockets close because the task stops; its key going away tells the queue they left. */
  void stopping() {
    stopping = true;
  }

  boolean isStopping() {
    return stopping;
  }

  List<MatchSocket> sockets() {
    List<MatchSocket> all = new ArrayList<>();
    byUser.values().forEach(all::addAll);
    return all;
  }

  /** Every request a socket of this task follows and the queue once confirmed. */
  List<String> confirmedRequests() {
    return sockets().stream().flatMap(s -> s.confirmed().stream()).distinct().toList();
  }

  /** Tells the sockets following a request that the queue lost it. */
  void lost(String requestId) {
    List.copyOf(byRequest.getOrDefault(requestId, Set.of())).forEach(s -> s.lost(requestId));
  }

  /**
   * Delivers a message of the queue ({@code request \n user \n socket to skip \n frame}) to the sockets
   * following the request, and to the user's sockets still finding out which request they follow.
   */
  void deliver(String message) {
    String[] parts = message.split("\n", 4);
    if (parts.length < 4) {
      LOG.warn("Ignoring a malformed queue message");
      return;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(parts[3]);
    } catch (DecodeException e) {
      LOG.warn("Ignoring a queue message whose frame is not JSON");
      return;
    }
    Set<MatchSocket> targets = ConcurrentHashMap.newKeySet();
    targets.addAll(byRequest.getOrDefault(parts[0], Set.of()));
    byUser.getOrDefault(parts[1], Set.of()).stream().filter(MatchSocket::attaching).forEach(targets::add);
    for (MatchSocket socket : targets) {
      if (!socket.id().equals(parts[2])) {
        socket.receive(parts[0], frame);
      }
    }
  }
}
