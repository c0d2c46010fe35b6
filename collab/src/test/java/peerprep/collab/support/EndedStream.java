package peerprep.collab.support;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** The ended-sessions stream as tests wait on it: blocking reads, not polls. */
public final class EndedStream {
  public static final String KEY = "peerprep:sessions:ended";
  private static final int BLOCK_MS = 20_000;

  private EndedStream() {
  }

  /** The id of the stream's newest entry, or {@code 0} when it has none: wait for entries after it. */
  public static Future<String> lastId(Redis redis) {
    return redis.send(Request.cmd(Command.XREVRANGE).arg(KEY).arg("+").arg("-").arg("COUNT").arg(1))
      .map(last -> last == null || last.size() == 0 ? "0" : last.get(0).get(0).toString());
  }

  /** Completes when an entry of the session arrives after the entry {@code after}; fails after a block with none. */
  public static Future<Void> entry(Redis redis, String sessionId, String after) {
    return redis.send(Request.cmd(Command.XREAD).arg("BLOCK").arg(BLOCK_MS).arg("STREAMS").arg(KEY).arg(after))
      .compose(r -> r == null ? Future.failedFuture("no ended-stream entry for " + sessionId) : next(redis, sessionId, after, r));
  }

  private static Future<Void> next(Redis redis, String sessionId, String after, Response read) {
    Response entries = read.isMap() ? read.get(KEY) : read.get(0).get(1);
    String last = after;
    for (Response entry : entries) {
      last = entry.get(0).toString();
      if (entry.get(1).toString().contains(sessionId)) {
        return Future.succeededFuture();
      }
    }
    return entry(redis, sessionId, last);
  }
}
