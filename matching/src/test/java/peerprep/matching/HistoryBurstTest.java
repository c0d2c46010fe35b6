package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.http.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;

/** Hundreds of matches made at once against a history service that serves 16 look-ups at a time and refuses more, as its full pool did. */
class HistoryBurstTest {
  private static final int PAIRS = 500;
  private static final int CONCURRENCY = 16;
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(1, new JsonObject()
    .put("MATCH_RELAX_AFTER_MS", 120_000).put("MATCH_TIMEOUT_MS", 120_000).put("MATCH_SWEEP_INTERVAL_MS", 100)
    .put("MATCH_DISCONNECT_GRACE_MS", 120_000)
    .put("MATCH_PEER_TIMEOUT_MS", 5_000).put("MATCH_JOB_LEASE_MS", 60_000)
    .put("MATCH_HISTORY_CONCURRENCY", CONCURRENCY));
  private static Harness h;
  private static WebClient burst;

  @BeforeAll
  static void start() {
    h = Harness.over(SERVICE);
    burst = WebClient.create(h.vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(PAIRS));
  }

  @AfterAll
  static void stop() {
    burst.close();
  }

  private static Future<?> ask(TestUser user, String topic) {
    return burst.post(h.port(0), "127.0.0.1", "/match/requests").putHeader("Authorization", user.bearer())
      .sendJsonObject(new JsonObject().put("topic", topic).put("difficulty", "Easy"))
      .map(r -> {
        if (r.statusCode() != 201) {
          throw new AssertionError("asking answered " + r.statusCode() + ": " + r.bodyAsString());
        }
        return r;
      });
  }

  /** A burst takes a while on a busy machine; the test waits for it with room to spare. */
  private static void within(Future<?> burstDone, String what) {
    try {
      burstDone.await(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not finish within 120 s; " + h.peers.picks.size() + " picks so far", e);
    }
  }

  @Test
  @DisplayName("500 matches made at once all pick with both users' exclusions, with at most 16 history look-ups in flight")
  void burstKeepsExclusions() {
    h.peers.historyCapacity = CONCURRENCY;
    h.peers.historyDelayMs = 50;
    String prefix = Harness.topic();
    List<TestUser[]> pairs = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      TestUser a = h.user("first" + i);
      TestUser b = h.user("second" + i);
      h.peers.attempted.put(a.id(), List.of("seen-by-" + a.id()));
      h.peers.attempted.put(b.id(), List.of("seen-by-" + b.id()));
      pairs.add(new TestUser[]{a, b});
    }
    // the first request waits for the token keys; the burst comes after
    await(ask(pairs.get(0)[0], prefix + "-0"));
    List<Future<?>> waiting = new ArrayList<>();
    for (int i = 1; i < PAIRS; i++) {
      waiting.add(ask(pairs.get(i)[0], prefix + "-" + i));
    }
    within(Future.all(waiting), "asking for the first users");
    int before = h.peers.picks.size();
    List<Future<?>> partners = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      partners.add(ask(pairs.get(i)[1], prefix + "-" + i));
    }
    within(Future.all(partners), "asking for their partners");
    within(h.peers.picksReached(before + PAIRS), "picking 500 questions");

    List<JsonObject> mine = h.peers.picks.stream().filter(p -> p.getString("topic").startsWith(prefix)).toList();
    assertThat(mine).hasSize(PAIRS);
    for (JsonObject pick : mine) {
      int i = Integer.parseInt(pick.getString("topic").substring(prefix.length() + 1));
      assertThat(pick.getJsonArray("excludeIds").getList()).as("exclusions of pair %d", i)
        .containsExactlyInAnyOrder("seen-by-" + pairs.get(i)[0].id(), "seen-by-" + pairs.get(i)[1].id());
    }
    assertThat(h.peers.historyMostInFlight.get()).isLessThanOrEqualTo(CONCURRENCY);
  }
}
