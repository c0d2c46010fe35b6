package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * The Redis commands on {@code peerprep:sessions:ended}, read through the {@code chat-service}
 * consumer group so that each ended session is handled by one task even when several consume.
 */
final class EndedSessionsRepository {
  static final String STREAM = "peerprep:sessions:ended";
  static final String GROUP = "chat-service";
  private final Redis redis;

  EndedSessionsRepository(Redis redis) {
    this.redis = redis;
  }

  /** Creates the group at the stream's end when it is missing; an existing group is kept as it is. */
  Future<Void> ensureGroup() {
    return redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(STREAM).arg(GROUP).arg("$").arg("MKSTREAM"))
      .<Void>mapEmpty()
      .recover(e -> e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")
        ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /** New entries for this consumer, waiting up to {@code blockMs} on the connection kept for it. */
  Future<List<Entry>> read(RedisConnection connection, String consumer, int count, long blockMs) {
    return connection.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(GROUP).arg(consumer)
        .arg("COUNT").arg(count).arg("BLOCK").arg(blockMs).arg("STREAMS").arg(STREAM).arg(">"))
      .map(r -> {
        if (r == null) {
          return List.of();
        }
        return entries(r.isMap() ? r.get(STREAM) : r.get(0).get(1));
      });
  }

  /** Takes over entries another consumer (or this one) received but did not acknowledge in {@code minIdleMs}. */
  Future<List<Entry>> claim(String consumer, long minIdleMs, int count) {
    return redis.send(Request.cmd(Command.XAUTOCLAIM).arg(STREAM).arg(GROUP).arg(consumer).arg(minIdleMs)
        .arg("0-0").arg("COUNT").arg(count))
      .map(r -> entries(r.get(1)));
  }

  Future<Void> ack(String entryId) {
    return redis.send(Request.cmd(Command.XACK).arg(STREAM).arg(GROUP).arg(entryId)).mapEmpty();
  }

  private static List<Entry> entries(Response list) {
    List<Entry> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (Response e : list) {
      out.add(new Entry(e.get(0).toString(), sessionId(e.get(1))));
    }
    return out;
  }

  private static String sessionId(Response fields) {
    if (fields == null) {
      return null;
    }
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if ("sessionId".equals(fields.get(i).toString())) {
        return fields.get(i + 1).toString();
      }
    }
    return null;
  }

  /** One ended session; {@code sessionId} is null when the entry was trimmed or written without one. */
  record Entry(String id, String sessionId) {
  }
}
