package peerprep.common.testing;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Redis counts of its own commands, for tests that assert how many calls an operation made. */
public final class RedisCommandStats {
  private RedisCommandStats() {
  }

  /** How many times Redis has run {@code command} (lower case, as {@code INFO commandstats} names it). */
  public static long calls(Redis redis, String command) {
    String stats = Await.of(redis.send(Request.cmd(Command.INFO).arg("commandstats"))).toString();
    Matcher m = Pattern.compile("cmdstat_" + Pattern.quote(command) + ":calls=(\\d+)").matcher(stats);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
