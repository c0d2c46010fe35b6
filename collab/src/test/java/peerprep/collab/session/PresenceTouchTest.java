package peerprep.collab.session;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.testing.RedisCommandStats;
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The heartbeat's refresh of a task with more sockets and sessions than one call carries, on real Redis. */
class PresenceTouchTest {
  private static final long TTL_MS = 600_000;
  private static Vertx vertx;
  private static Redis redis;
  private static PresenceRepository presence;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, EmbeddedRedis.url());
    presence = new PresenceRepository(redis, 500, TTL_MS);
    Functions.of(redis).load().await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static String send(Request request) {
    var r = redis.send(request).await();
    return r == null ? null : r.toString();
  }

  @Test
  @DisplayName("A beat over 1,200 connections and 300 sessions refreshes them in three calls, returns exactly the swept ones and leaves ended sessions' expiry alone")
  void largeTaskInParts() {
    String run = UUID.randomUUID().toString();
    List<String> members = new ArrayList<>();
    List<String> swept = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      String member = run + "|conn-" + i;
      members.add(member);
      if (i % 400 == 7) {
        swept.add(member);
      } else {
        send(Request.cmd(Command.ZADD).arg(Keys.CONNECTIONS).arg(1).arg(member));
      }
    }
    Map<String, String> sessions = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      String id = run + "-s" + i;
      sessions.put(id, run + "-m" + i);
      send(Request.cmd(Command.HSET).arg(Keys.session(id)).arg("status").arg(i % 2 == 0 ? "active" : "ended"));
      send(Request.cmd(Command.RPUSH).arg(Keys.log(id)).arg("entry"));
      send(Request.cmd(Command.SET).arg(Keys.match(run + "-m" + i)).arg(id));
    }
    long before = System.currentTimeMillis();
    long callsBefore = RedisCommandStats.calls(redis, "fcall");

    List<String> lost = presence.touch(members, sessions).await();

    assertThat(RedisCommandStats.calls(redis, "fcall") - callsBefore).isEqualTo(3);
    assertThat(lost).containsExactlyInAnyOrderElementsOf(swept);
    for (String member : members) {
      String score = send(Request.cmd(Command.ZSCORE).arg(Keys.CONNECTIONS).arg(member));
      if (swept.contains(member)) {
        assertThat(score).as(member).isNull();
      } else {
        assertThat((long) Double.parseDouble(score)).as(member).isGreaterThanOrEqualTo(before);
      }
    }
    int i = 0;
    for (Map.Entry<String, String> s : sessions.entrySet()) {
      for (String key : List.of(Keys.session(s.getKey()), Keys.log(s.getKey()), Keys.match(s.getValue()))) {
        long pttl = Long.parseLong(send(Request.cmd(Command.PTTL).arg(key)));
        if (i % 2 == 0) {
          assertThat(pttl).as(key).isBetween(TTL_MS - 60_000, TTL_MS);
        } else {
          assertThat(pttl).as(key).isEqualTo(-1);
        }
      }
      i++;
    }
  }

  @Test
  @DisplayName("A beat with nothing to refresh makes no call")
  void nothingToRefresh() {
    long callsBefore = RedisCommandStats.calls(redis, "fcall");

    assertThat(presence.touch(List.of(), Map.of()).await()).isEmpty();
    assertThat(RedisCommandStats.calls(redis, "fcall") - callsBefore).isZero();
  }
}
