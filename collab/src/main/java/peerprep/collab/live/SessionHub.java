package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.RedisOptions;
import peerprep.collab.session.Envelope;
import peerprep.collab.session.Keys;
import peerprep.common.redis.RedisSubscriber;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sockets of this task by session. The task listens to a session's channel while it has at least
 * one socket of it, keeps the session's text up to date from the updates it hears ({@link Documents}),
 * and hands every channel message, decoded once, to those sockets.
 */
public final class SessionHub implements RedisSubscriber.Listener {
  private final Map<String, Set<CollabSocket>> rooms = new HashMap<>();
  private final Documents documents = new Documents();
  private final RedisSubscriber subscriber;

  public SessionHub(Vertx vertx, RedisOptions options) {
    this.subscriber = new RedisSubscriber(vertx, options, this);
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
      documents.drop(socket.sessionId());
      subscriber.unsubscribe(Keys.channel(socket.sessionId()));
    }
  }

  Documents documents() {
    return documents;
  }

  @Override
  public void message(String channel, Buffer payload) {
    String sessionId = Keys.sessionOfChannel(channel);
    if (sessionId != null && rooms.containsKey(sessionId)) {
      Envelope envelope = Envelope.decode(payload);
      if (envelope != null) {
        if (envelope.kind() == Envelope.UPDATES) {
          documents.follow(sessionId, envelope);
        }
        deliverHere(sessionId, envelope);
      }
    }
  }

  /** Hands a message to every socket of the session on this task. */
  void deliverHere(String sessionId, Envelope envelope) {
    Set<CollabSocket> room = rooms.get(sessionId);
    if (room != null) {
      List.copyOf(room).forEach(s -> s.deliver(envelope));
    }
  }

  /** After the subscriber reconnected: messages may have been missed, so every socket checks the log. */
  @Override
  public void resubscribed() {
    rooms.keySet().forEach(documents::drop);
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

  /** The sessions this task serves, each with the match it was made for. */
  public Map<String, String> matchIds() {
    Map<String, String> out = new HashMap<>();
    rooms.forEach((id, room) -> out.put(id, room.iterator().next().matchId()));
    return out;
  }

  public int size() {
    return rooms.size();
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
