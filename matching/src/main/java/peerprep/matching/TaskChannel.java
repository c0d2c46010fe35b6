package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This task's Redis pub/sub subscription: the queue script publishes on it whatever concerns a socket
 * held here. When the subscription drops it is made again and every socket re-reads its state, so a
 * notification missed meanwhile is not lost.
 */
final class TaskChannel {
  private static final Logger LOG = LoggerFactory.getLogger(TaskChannel.class);
  private static final long RETRY_MS = 500;
  private final Vertx vertx;
  private final Redis subscriber;
  private final String channel;
  private final SocketHub hub;
  private volatile boolean stopped;
  private volatile boolean subscribed;

  TaskChannel(Vertx vertx, Redis subscriber, String channel, SocketHub hub) {
    this.vertx = vertx;
    this.subscriber = subscriber;
    this.channel = channel;
    this.hub = hub;
  }

  Future<Void> start() {
    return subscribe();
  }

  /** Whether notifications reach this task now. */
  boolean subscribed() {
    return subscribed;
  }

  void stop() {
    stopped = true;
    subscriber.close();
  }

  private Future<Void> subscribe() {
    return subscriber.connect().compose(conn -> {
      conn.handler(this::onMessage);
      conn.exceptionHandler(e -> LOG.warn("The queue subscription failed: {}", e.getMessage()));
      conn.endHandler(v -> lost(conn));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).<Void>mapEmpty()
        .onSuccess(v -> subscribed = true);
    });
  }

  private void onMessage(Response message) {
    if (message.size() == 3 && "message".equals(message.get(0).toString())) {
      hub.deliver(message.get(2).toString());
    }
  }

  private void lost(RedisConnection conn) {
    subscribed = false;
    if (stopped) {
      return;
    }
    LOG.warn("The queue subscription dropped; subscribing again");
    vertx.setTimer(RETRY_MS, id -> subscribe()
      .onSuccess(v -> hub.sockets().forEach(MatchSocket::resync))
      .onFailure(e -> lost(conn)));
  }
}
