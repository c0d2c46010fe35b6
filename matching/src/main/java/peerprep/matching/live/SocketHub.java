package peerprep.matching.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.redis.RedisSubscriber;
import peerprep.matching.queue.Events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The sockets of this task, by the requests they follow and by user. It listens on the task's channel,
 * where the queue publishes whatever concerns a socket held here, and routes each message to its
 * sockets; when the subscription comes back after a drop, every socket re-reads its state, so a message
 * missed meanwhile is not lost.
 */
public final class SocketHub implements RedisSubscriber.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(SocketHub.class);
  private static final long GOODBYE_MS = 2_000;
  private final Map<String, Set<Follower>> byRequest = new ConcurrentHashMap<>();
  private final Map<String, Set<Follower>> byUser = new ConcurrentHashMap<>();
  private final RedisSubscriber subscriber;
  private final String channel;
  private volatile boolean subscribed;
  private volatile boolean stopping;

  public SocketHub(Vertx vertx, RedisOptions options, String channel) {
    this.subscriber = new RedisSubscriber(vertx, options, this);
    this.channel = channel;
  }

  /** Subscribes to the task's channel. */
  public Future<Void> start() {
    return subscriber.start().compose(v -> subscriber.subscribe(channel)).onSuccess(v -> subscribed = true);
  }

  /** Whether news reaches this task now. */
  public boolean subscribed() {
    return subscribed && subscriber.connected();
  }

  void add(Follower socket) {
    byUser.computeIfAbsent(socket.userId(), u -> ConcurrentHashMap.newKeySet()).add(socket);
  }

  void remove(Follower socket) {
    byUser.computeIfPresent(socket.userId(), (u, set) -> {
      set.remove(socket);
      return set.isEmpty() ? null : set;
    });
    socket.following().forEach(id -> unfollow(socket, id));
  }

  void follow(Follower socket, String requestId) {
    byRequest.computeIfAbsent(requestId, r -> ConcurrentHashMap.newKeySet()).add(socket);
  }

  void unfollow(Follower socket, String requestId) {
    byRequest.computeIfPresent(requestId, (r, set) -> {
      set.remove(socket);
      return set.isEmpty() ? null : set;
    });
  }

  /** From now on sockets close because the task stops; its key going away tells the queue they left. */
  public Future<Void> stopping() {
    stopping = true;
    List<Future<Void>> closing = sockets().stream()
      .map(s -> s.goAway().timeout(GOODBYE_MS, TimeUnit.MILLISECONDS)).toList();
    return Future.join(closing).<Void>mapEmpty().otherwiseEmpty();
  }

  boolean isStopping() {
    return stopping;
  }

  private List<Follower> sockets() {
    List<Follower> all = new ArrayList<>();
    byUser.values().forEach(all::addAll);
    return all;
  }

  /** Every request a socket of this task follows and the queue once confirmed. */
  public List<String> confirmedRequests() {
    return sockets().stream().flatMap(s -> s.confirmed().stream()).distinct().toList();
  }

  /** Tells the sockets following a request that the queue lost it. */
  public void lost(String requestId) {
    List.copyOf(byRequest.getOrDefault(requestId, Set.of())).forEach(s -> s.lost(requestId));
  }

  @Override
  public void message(String from, Buffer payload) {
    deliver(payload.toString());
  }

  @Override
  public void resubscribed() {
    subscribed = true;
    sockets().forEach(Follower::resync);
  }

  /**
   * Delivers a message of the queue ({@code request \n user \n socket to skip \n frame}) to the sockets
   * following the request, and to the user's sockets still finding out which request they follow.
   */
  private void deliver(String message) {
    String[] parts = message.split("\n", 4);
    if (parts.length < 4) {
      LOG.warn("Ignoring a malformed queue message");
      return;
    }
    JsonObject frame;
    try {
      frame = Events.worded(new JsonObject(parts[3]));
    } catch (DecodeException e) {
      LOG.warn("Ignoring a queue message whose frame is not JSON");
      return;
    }
    Set<Follower> targets = ConcurrentHashMap.newKeySet();
    targets.addAll(byRequest.getOrDefault(parts[0], Set.of()));
    byUser.getOrDefault(parts[1], Set.of()).stream().filter(Follower::attaching).forEach(targets::add);
    for (Follower socket : targets) {
      if (!socket.id().equals(parts[2])) {
        socket.receive(parts[0], frame);
      }
    }
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
