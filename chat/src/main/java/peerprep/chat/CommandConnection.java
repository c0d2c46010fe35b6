package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One pipelined Redis connection for the chat's frequent commands. A pool hands each command a
 * connection for a full round trip, which caps throughput at pool size / latency; one connection with
 * many commands in flight is bounded by Redis alone, and keeps the commands of a task in order. A
 * broken connection fails the commands in flight and is replaced on the next command.
 */
final class CommandConnection {
  private static final Logger LOG = LoggerFactory.getLogger(CommandConnection.class);
  private final Redis client;
  private Future<RedisConnection> current;
  private boolean closed;

  CommandConnection(Redis client) {
    this.client = client;
  }

  Future<Response> send(Request request) {
    Future<RedisConnection> open = connection();
    return open.succeeded() ? open.result().send(request) : open.compose(c -> c.send(request));
  }

  Future<List<Response>> batch(List<Request> requests) {
    return connection().compose(c -> c.batch(requests));
  }

  Future<Void> close() {
    closed = true;
    return client.close();
  }

  private Future<RedisConnection> connection() {
    if (current == null) {
      Future<RedisConnection> opening = client.connect();
      current = opening;
      opening.onSuccess(c -> {
        c.exceptionHandler(e -> drop(opening, c, e.getMessage()));
        c.endHandler(v -> drop(opening, c, "closed"));
      }).onFailure(e -> drop(opening, null, e.getMessage()));
    }
    return current;
  }

  private void drop(Future<RedisConnection> which, RedisConnection c, String why) {
    if (current == which) {
      current = null;
    }
    if (!closed) {
      LOG.warn("Redis command connection lost ({}); the next command opens a new one", why);
    }
    if (c != null) {
      c.close();
    }
  }
}
