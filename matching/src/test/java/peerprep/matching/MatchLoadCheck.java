package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.vocab.Difficulty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;

/**
 * The benchmark's first round, a check rather than a measure: 240 users at once on two instances sharing
 * one Redis, in real time. Every pair must be valid, no one matched twice or with themselves, and the odd
 * user of each topic must time out; a violation fails the benchmark.
 */
final class MatchLoadCheck {
  private static final int USERS = 240;
  private static final long TIMEOUT = 6_000;
  private final Harness h;

  private MatchLoadCheck(Harness h) {
    this.h = h;
  }

  /** Runs the check on its own two instances and stops them; throws an AssertionError on a violation. */
  static void run(Vertx vertx) {
    Harness h = Harness.start(vertx, "matching_load_check", 2, new JsonObject()
      .put("MATCH_RELAX_AFTER_MS", 1_000).put("MATCH_TIMEOUT_MS", TIMEOUT)
      .put("MATCH_DISCONNECT_GRACE_MS", 3_000).put("MATCH_SWEEP_INTERVAL_MS", 100)
      .put("MATCH_PEER_TIMEOUT_MS", 5_000).put("MATCH_JOB_LEASE_MS", 20_000));
    try {
      new MatchLoadCheck(h).concurrentRequests();
    } finally {
      h.stop();
    }
  }

  /** Hundreds of handshakes and matches at once take a while on a busy machine: the check allows 120 s. */
  private static void within(Future<?> all, String what) {
    try {
      all.await(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + " took longer than 120 s", e);
    }
  }

  private record Ask(TestUser user, String topic, String difficulty, WsClient socket) {
  }

  /** Reads a socket's frames up to its final one; only status frames may come before it. */
  private static Future<JsonObject> outcome(WsClient socket) {
    return socket.next().compose(frame -> {
      String type = frame.getString("type");
      if ("matched".equals(type) || "timeout".equals(type)) {
        return Future.succeededFuture(frame);
      }
      if (!List.of("queued", "matching", "relaxed", "requeued").contains(type)) {
        return Future.failedFuture(new AssertionError("unexpected frame " + frame.encode()));
      }
      return outcome(socket);
    });
  }

  /** 240 concurrent requests on two instances: every pair is valid, no one twice or with themselves, the odd ones time out. */
  private void concurrentRequests() {
    Random random = new Random(7);
    String prefix = Harness.topic();
    List<String> topics = List.of(prefix + "-a", prefix + "-b", prefix + "-c", prefix + "-d", prefix + "-e");
    List<Future<WsClient>> connecting = new ArrayList<>();
    List<TestUser> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      TestUser u = h.user("user" + i);
      users.add(u);
      connecting.add(WsClient.connect(h.sockets, h.port(i % 2), u.token()));
    }
    within(Future.all(connecting), "opening 240 sockets");
    List<Ask> asks = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      asks.add(new Ask(users.get(i), topics.get(random.nextInt(topics.size())),
        Difficulty.labels().get(random.nextInt(3)), connecting.get(i).result()));
    }
    List<Future<JsonObject>> outcomes = new ArrayList<>();
    for (Ask ask : asks) {
      outcomes.add(outcome(ask.socket()));
      ask.socket().request(ask.topic(), ask.difficulty());
    }
    within(Future.all(outcomes), "every request's outcome");

    Map<String, Ask> byUser = new HashMap<>();
    asks.forEach(a -> byUser.put(a.user().id(), a));
    Map<String, List<JsonObject>> byMatch = new HashMap<>();
    Map<String, Integer> timeouts = new HashMap<>();
    Map<String, Integer> perTopic = new HashMap<>();
    for (int i = 0; i < USERS; i++) {
      Ask ask = asks.get(i);
      JsonObject end = outcomes.get(i).result();
      perTopic.merge(ask.topic(), 1, Integer::sum);
      if ("timeout".equals(end.getString("type"))) {
        timeouts.merge(ask.topic(), 1, Integer::sum);
        continue;
      }
      byMatch.computeIfAbsent(end.getString("matchId"), m -> new ArrayList<>()).add(end.put("me", ask.user().id()));
    }

    Set<String> matchedUsers = new HashSet<>();
    for (List<JsonObject> pair : byMatch.values()) {
      assertThat(pair).as("a match has exactly two users").hasSize(2);
      JsonObject one = pair.get(0);
      JsonObject two = pair.get(1);
      Ask a = byUser.get(one.getString("me"));
      Ask b = byUser.get(two.getString("me"));
      assertThat(a.user().id()).as("no one is matched with themselves").isNotEqualTo(b.user().id());
      assertThat(matchedUsers.add(a.user().id()) && matchedUsers.add(b.user().id())).as("no one is matched twice").isTrue();
      assertThat(one.getJsonObject("partner").getString("id")).isEqualTo(b.user().id());
      assertThat(two.getJsonObject("partner").getString("id")).isEqualTo(a.user().id());
      assertThat(one.getString("sessionId")).isEqualTo(two.getString("sessionId"));
      assertThat(a.topic()).as("the topic is never relaxed").isEqualTo(b.topic()).isEqualTo(one.getString("topic"));
      if (a.difficulty().equals(b.difficulty())) {
        assertThat(one.getJsonObject("question").getString("difficulty")).isEqualTo(a.difficulty());
      } else {
        assertThat(one.getBoolean("relaxed")).as("different difficulties only after relaxing").isTrue();
      }
    }
    for (String topic : topics) {
      int n = perTopic.getOrDefault(topic, 0);
      assertThat(timeouts.getOrDefault(topic, 0)).as("timeouts on %s of %d requests", topic, n).isEqualTo(n % 2);
    }
    assertThat(matchedUsers.size() + timeouts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(USERS);

    Set<String> sessions = new HashSet<>();
    byMatch.keySet().forEach(m -> sessions.add(h.peers.sessionsByMatch.get(m).getString("sessionId")));
    assertThat(sessions).as("one session per match").hasSize(byMatch.size());
    List<Row> rows = new ArrayList<>();
    await(h.db.preparedQuery("SELECT * FROM matches WHERE topic LIKE $1").execute(Tuple.of(prefix + "%"))).forEach(rows::add);
    assertThat(rows).as("every match is in the log once").hasSize(byMatch.size());
    rows.forEach(r -> assertThat(byMatch).containsKey(r.getString("id")));
    System.out.printf("load check: %d users on two instances, %d pairs, %d timed out, every pair valid%n", USERS,
      byMatch.size(), USERS - matchedUsers.size());
  }
}
