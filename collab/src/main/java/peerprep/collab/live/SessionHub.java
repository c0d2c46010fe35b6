package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisOptions;
import peerprep.collab.session.Envelope;
import peerprep.collab.session.Keys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sockets of this task by session. The task listens to a session's channel while it has at least
 * one socket of it, and hands every channel message to those sockets.
 */
public final class SessionHub {
  private final Map<String, Set<CollabSocket>> rooms = new HashMap<>();
  private final ChannelSubscriber subscriber;

  public SessionHub(Vertx vertx, RedisOptions options) {
    this.subscriber = new ChannelSubscriber(vertx, options, this::dispatch, this::resyncAll);
  }

  public Future<Void> start() {
    return subscriber.start();
  }

  /** Completes once the task hears the session's channel, so nothing published afterwards is missed. */
  Future<Void> attach(CollabSocket socket) {
    rooms.computeIfAbsent(socket.sessionId(), k -> new LinkedHashSet<>()).add(socket);
    return subscriber.subscribe(Keys.channel(socket.sessionId()));
  }

  void detach(CollabSocket socket) {
    Set<CollabSocket> room = rooms.get(socket.sessionId());
    if (room != null && room.remove(socket) && room.isEmpty()) {
      rooms.remove(socket.sessionId());
      subscriber.unsubscribe(Keys.channel(socket.sessionId()));
    }
  }

  private void dispatch(String channel, String message) {
    String sessionId = Keys.sessionOfChannel(channel);
    Set<CollabSocket> room = sessionId == null ? null : rooms.get(sessionId);
    Envelope envelope = room == null ? null : Envelope.decode(message);
    if (envelope != null) {
      List.copyOf(room).forEach(s -> s.deliver(envelope));
    }
  }

  /** After the subscriber reconnected: messages may have been missed, so every socket checks the log. */
  private void resyncAll() {
    sockets().forEach(CollabSocket::resync);
  }

  public List<CollabSocket> sockets() {
    List<CollabSocket> all = new ArrayList<>();
    rooms.values().forEach(all::addAll);
    return all;
  }

  public Set<String> sessionIds() {
    return Set.copyOf(rooms.keySet());
  }

  public int size() {
    return rooms.size();
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
