package peerprep.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/** A signed-in user looking around: topics, the question list filtered, searched and paged, a few questions, their history. */
final class Browsing {
  static final List<String> READS = List.of("question: topics", "question: list", "question: filter", "question: search",
    "question: next page", "question: open", "history: attempts", "history: stats");
  private static final List<String> DIFFICULTIES = List.of("Easy", "Medium", "Hard");
  private static final List<String> WORDS = List.of("tree", "sum", "array", "string", "path", "sort", "list", "graph");
  private static final Duration THINK_MIN = Duration.ofMillis(500);
  private static final Duration THINK_MAX = Duration.ofMillis(1500);

  private Browsing() {
  }

  static ChainBuilder browse() {
    return exec(http("question: topics").get(Targets.CURRENT.http(Service.QUESTION, "/topics"))
        .header("Authorization", Accounts.BEARER)
        .check(status().is(200), jsonPath("$.items[*].slug").findAll().saveAs("topics")))
      .pause(THINK_MIN, THINK_MAX)
      .exec(http("question: list").get(Targets.CURRENT.http(Service.QUESTION, "/questions"))
        .queryParam("page", 1).queryParam("size", 20)
        .header("Authorization", Accounts.BEARER)
        .check(status().is(200), jsonPath("$.total").ofInt().gt(0), jsonPath("$.items[*].id").findAll().saveAs("questionIds")))
      .pause(THINK_MIN, THINK_MAX)
      .exec(Browsing::pickFilters)
      .exec(http("question: filter").get(Targets.CURRENT.http(Service.QUESTION, "/questions"))
        .queryParam("topic", "#{topic}").queryParam("difficulty", "#{difficulty}")
        .header("Authorization", Accounts.BEARER)
        .check(status().is(200), jsonPath("$.items").exists()))
      .pause(THINK_MIN, THINK_MAX)
      .exec(http("question: search").get(Targets.CURRENT.http(Service.QUESTION, "/questions"))
        .queryParam("q", "#{word}")
        .header("Authorization", Accounts.BEARER)
        .check(status().is(200), jsonPath("$.items").exists()))
      .pause(THINK_MIN, THINK_MAX)
      .exec(http("question: next page").get(Targets.CURRENT.http(Service.QUESTION, "/questions"))
        .queryParam("page", 2).queryParam("size", 10).queryParam("sort", "difficulty:desc")
        .header("Authorization", Accounts.BEARER)
        .check(status().is(200), jsonPath("$.page").ofInt().is(2)))
      .exec(repeat(2).on(
        pause(THINK_MIN, THINK_MAX)
          .exec(session -> session.set("questionId", pick(session.getList("questionIds"))))
          .exec(http("question: open").get(session -> Targets.CURRENT.http(Service.QUESTION, "/questions/" + session.getString("questionId")))
            .header("Authorization", Accounts.BEARER)
            .check(status().is(200), jsonPath("$.id").isEL("#{questionId}"), jsonPath("$.starterCode").exists()))))
      .pause(THINK_MIN, THINK_MAX)
      .exec(history());
  }

  /** The history pages of the signed-in user: their attempts and their stats. */
  static ChainBuilder history() {
    return exec(http("history: attempts").get(Targets.CURRENT.http(Service.HISTORY, "/attempts"))
        .queryParam("page", 1).queryParam("size", 20)
        .header("Authorization", Accounts.BEARER)
        .check(status().is(200), jsonPath("$.items").exists()))
      .exec(http("history: stats").get(Targets.CURRENT.http(Service.HISTORY, "/stats/me"))
        .header("Authorization", Accounts.BEARER)
        .check(status().is(200), jsonPath("$.total").ofInt().gte(0)));
  }

  private static Session pickFilters(Session session) {
    return session.set("topic", pick(session.getList("topics")))
      .set("difficulty", pick(DIFFICULTIES))
      .set("word", pick(WORDS));
  }

  private static <T> T pick(List<T> values) {
    return values.get(ThreadLocalRandom.current().nextInt(values.size()));
  }
}
