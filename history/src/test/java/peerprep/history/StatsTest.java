package peerprep.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.ServiceFixture;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.history.HistoryService.await;

class StatsTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static HistoryService service;

  @BeforeAll
  static void deploy() {
    service = new HistoryService(fixture);
  }

  private static Instant daysAgo(int days, int hour) {
    return LocalDate.now(ZoneOffset.UTC).minusDays(days).atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  private static void attempt(TestUser me, TestUser partner, String questionId, String difficulty, Instant endedAt,
                              String... topics) {
    service.record(Samples.attempt(me, partner, Samples.question(questionId, difficulty, topics), endedAt));
  }

  private static JsonObject stats(TestUser user) {
    HttpResponse<Buffer> r = await(service.as(user, "/stats/me").send());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("Stats count attempts by difficulty and topic, distinct questions, streaks and the last attempt")
  void counts() {
    TestUser ada = service.auth.user("ada");
    TestUser linus = service.auth.user("linus");
    Instant now = Instant.now();
    attempt(ada, linus, "q1", "Easy", now, "arrays", "hashing");
    attempt(linus, ada, "q1", "Easy", daysAgo(0, 0), "arrays", "hashing");
    attempt(ada, linus, "q2", "Hard", daysAgo(1, 23), "graphs");
    attempt(ada, linus, "q3", "Medium", daysAgo(2, 1), "arrays");
    for (int day = 10; day <= 13; day++) {
      attempt(ada, linus, "q" + day, "Medium", daysAgo(day, 12), "strings");
    }
    attempt(ada, linus, "q20", "Easy", daysAgo(20, 12), "arrays");

    JsonObject s = stats(ada);
    assertThat(s.getInteger("total")).isEqualTo(9);
    assertThat(s.getJsonObject("byDifficulty")).isEqualTo(new JsonObject().put("Easy", 3).put("Medium", 5).put("Hard", 1));
    assertThat(s.getJsonObject("byTopic")).isEqualTo(new JsonObject()
      .put("arrays", 4).put("graphs", 1).put("hashing", 2).put("strings", 4));
    assertThat(s.getInteger("solved")).isEqualTo(8);
    assertThat(s.getInteger("currentStreak")).isEqualTo(3);
    assertThat(s.getInteger("longestStreak")).isEqualTo(4);
    assertThat(Instant.parse(s.getString("lastAttemptAt")).toEpochMilli()).isEqualTo(now.toEpochMilli());
  }

  @Test
  @DisplayName("A streak whose last day was yesterday is still current; one that ended two days ago is not")
  void currentStreak() {
    TestUser yesterday = service.auth.user("yesterday");
    TestUser lapsed = service.auth.user("lapsed");
    TestUser partner = service.auth.user("partner");
    attempt(yesterday, partner, "y1", "Easy", daysAgo(1, 8), "arrays");
    attempt(yesterday, partner, "y2", "Easy", daysAgo(2, 8), "arrays");
    attempt(lapsed, partner, "l1", "Easy", daysAgo(2, 8), "arrays");
    attempt(lapsed, partner, "l2", "Easy", daysAgo(3, 8), "arrays");
    assertThat(stats(yesterday).getInteger("currentStreak")).isEqualTo(2);
    JsonObject s = stats(lapsed);
    assertThat(s.getInteger("currentStreak")).isZero();
    assertThat(s.getInteger("longestStreak")).isEqualTo(2);
  }

  @Test
  @DisplayName("A user without attempts has zero stats and no last attempt")
  void empty() {
    JsonObject s = stats(service.auth.user("newcomer"));
    assertThat(s.getInteger("total")).isZero();
    assertThat(s.getJsonObject("byDifficulty")).isEqualTo(new JsonObject().put("Easy", 0).put("Medium", 0).put("Hard", 0));
    assertThat(s.getJsonObject("byTopic")).isEmpty();
    assertThat(s.getInteger("solved")).isZero();
    assertThat(s.getInteger("currentStreak")).isZero();
    assertThat(s.getInteger("longestStreak")).isZero();
    assertThat(s.getValue("lastAttemptAt")).isNull();
  }
}
