package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.redis.RedisSubscriber;
import peerprep.common.vocab.CloseCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sockets of this task grouped by session, and the fan-out of each session's pub/sub channel to
 * them. A session's channel is subscribed while at least one local socket is in it. An event's header is
 * read once per task; its frame bytes go to every socket as published, never decoded.
 */
final class SessionHub implements RedisSubscriber.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(SessionHub.class);
  private static final String PREFIX = ChatRepository.channel("");
  private final Map<String, Room> rooms = new HashMap<>();
  private final SessionDirectory directory;
  private RedisSubscriber subscriber;

  SessionHub(SessionDirectory directory) {
    this.directory = directory;
  }

  void attach(RedisSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  /** Adds the socket to its room; completes once the room receives live events. */
  Future<Void> join(ChatSocket socket) {
    Room room = rooms.computeIfAbsent(socket.sessionId(), id -> new Room(subscriber.subscribe(ChatRepository.channel(id))));
    room.sockets.add(socket);
    return room.live;
  }

  void leave(ChatSocket socket) {
    Room room = rooms.get(socket.sessionId());
    if (room != null && room.sockets.remove(socket) && room.sockets.isEmpty()) {
      rooms.remove(socket.sessionId());
      subscriber.unsubscribe(ChatRepository.channel(socket.sessionId()));
    }
  }

  int sockets() {
    return rooms.values().stream().mapToInt(r -> r.sockets.size()).sum();
  }

  /** The presence entry of every local socket still present, for the presence heartbeat. */
  List<ChatRepository.PresenceEntry> presenceMembers() {
    return all().stream().map(ChatSocket::presenceEntry).toList();
  }

  List<ChatSocket> all() {
    List<ChatSocket> out = new ArrayList<>();
    rooms.values().forEach(r -> out.addAll(r.sockets));
    return out;
  }

  /**
   * An event published on a session channel, by any task. Delivering may close a socket and so change
   * its room; a room of one socket (the usual case: one participant per task) is not copied first.
   */
  @Override
  public void message(String channel, Buffer payload) {
    String sessionId = channel.substring(PREFIX.length());
    Room room = rooms.get(sessionId);
    if (room == null) {
      return;
    }
    ChatEvent event = ChatEvent.parse(payload);
    if (event == null) {
      LOG.warn("Ignoring an event without a header on {}", channel);
      return;
    }
    if (event.kind() == ChatEvent.Kind.ENDED) {
      directory.markEnded(sessionId);
    }
    if (room.sockets.size() == 1) {
      room.sockets.iterator().next().deliver(event);
      return;
    }
    for (ChatSocket socket : room.sockets.toArray(ChatSocket[]::new)) {
      socket.deliver(event);
    }
  }

  /** The pub/sub connection came back: every socket catches up from the stream on what it missed. */
  @Override
  public void resubscribed() {
    for (Room room : rooms.values()) {
      room.live = Future.succeededFuture();
    }
    all().forEach(ChatSocket::resync);
  }

  void closeAll(CloseCode code, String reason) {
    all().forEach(s -> s.close(code, reason));
  }

  private static final class Room {
    private final Set<ChatSocket> sockets = new LinkedHashSet<>();
    private Future<Void> live;

    private Room(Future<Void> live) {
      this.live = live;
    }
  }
}
