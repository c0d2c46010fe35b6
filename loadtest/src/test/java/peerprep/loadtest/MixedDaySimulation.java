package peerprep.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * An ordinary day at SCALE times the base rates (default 1) for DURATION_SECONDS (default 90): visitors
 * arrive at 0.5 a second and browse as in the REST simulation; learners arrive at 0.2 a second in
 * twos on the same topic, find each other through the matching service, edit and chat at human pace for
 * SESSION_SECONDS (default 30), one of them ends the session, and both wait for it in their history.
 */
public class MixedDaySimulation extends Simulation {
  static final double SCALE = Options.scale(1);
  static final int DURATION = Options.whole("DURATION_SECONDS", 90);
  static final int SESSION = Options.whole("SESSION_SECONDS", 30);
  static final String RECORDED = "history: attempt recorded";
  private static final List<String> TOPICS = List.of("arrays", "strings");
  private final MatchLedger ledger = new MatchLedger();
  private final AtomicInteger arrivals = new AtomicInteger();

  {
    ScenarioBuilder visitors = scenario("visitors")
      .exec(Accounts.register())
      .exec(Accounts.logIn())
      .exec(Browsing.browse());

    ScenarioBuilder learners = scenario("learners")
      .exec(Timings.capture())
      .exec(Accounts.register())
      .exec(Matching.findPartner(this::pairedRequest, Duration.ofSeconds(45), ledger))
      .doIf(session -> "matched".equals(session.getString("matchOutcome"))).then(practice());

    int learnerCount = 2 * (int) Math.max(1, Math.round(0.1 * SCALE * DURATION));
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(Protocols.errorRate());
    assertions.add(details(Matching.UNIQUE).failedRequests().count().is(0L));
    assertions.add(details(RECORDED).failedRequests().count().is(0L));
    assertions.addAll(Protocols.percentiles(Browsing.READS, 500, 1_000));
    assertions.addAll(Protocols.percentiles(List.of(Collaboration.editReachesPartner("human"), Collaboration.push("human")), 250, 500));
    setUp(
      visitors.injectOpen(constantUsersPerSec(0.5 * SCALE).during(Duration.ofSeconds(DURATION))),
      learners.injectOpen(rampUsers(learnerCount).during(Duration.ofSeconds(DURATION))))
      .protocols(Protocols.http())
      .assertions(assertions)
      .maxDuration(Duration.ofSeconds(DURATION + SESSION + 120L));
  }

  /** Consecutive learners ask for the same topic, so every learner has a partner on the way. */
  private String pairedRequest(Session session) {
    int n = arrivals.getAndIncrement();
    return Matching.request(TOPICS.get((n / 2) % TOPICS.size()), "Easy");
  }

  private static ChainBuilder practice() {
    return exec(Collaboration.join())
      .exec(session -> session.set("workUntil", System.currentTimeMillis() + SESSION * 1000L))
      .exec(Collaboration.work("human", session -> session.getLong("workUntil"), Duration.ofMillis(2_000), 7))
      .exec(pause(Duration.ofSeconds(2)))
      .exec(Collaboration.settle())
      .doIf(MixedDaySimulation::ends).then(exec(pause(Duration.ofSeconds(2))).exec(Collaboration.end()))
      .exec(Collaboration.leave())
      .exec(session -> session.set("endedAt", System.currentTimeMillis()).set("recorded", false).set("looks", 0))
      .exec(asLongAs(session -> !session.getBoolean("recorded") && session.getInt("looks") < 30).on(
        pause(Duration.ofMillis(500))
          .exec(http("history: look for the attempt").get(Targets.CURRENT.http(Service.HISTORY, "/attempts"))
            .queryParam("size", 5).header("Authorization", Accounts.BEARER).silent()
            .check(status().is(200), bodyString().transformWithSession((body, s) -> body.contains(s.getString("sessionId"))).saveAs("recorded")))
          .exec(session -> session.set("looks", session.getInt("looks") + 1))))
      .exec(MixedDaySimulation::recorded)
      .exec(Browsing.history());
  }

  /** The participant with the smaller id ends the session; the other leaves when done typing. */
  private static boolean ends(Session session) {
    return session.getString("userId").compareTo(session.getString("partnerId")) < 0;
  }

  private static Session recorded(Session session) {
    long now = System.currentTimeMillis();
    if (session.getBoolean("recorded")) {
      Timings.ok(session, RECORDED, session.getLong("endedAt"), now);
    } else {
      Timings.ko(session, RECORDED, session.getLong("endedAt"), now, "the ended session is not in the user's history after 15 s");
    }
    return session;
  }

  @Override
  public void before() {
    new StackClient(Targets.CURRENT).requireUp();
    System.out.printf("Mixed day: scale %.1f for %d s against %s%n", SCALE, DURATION, Targets.CURRENT.describe());
  }

  @Override
  public void after() {
    System.out.println("Mixed day: " + ledger.summary());
    if (ledger.violations() > 0) {
      throw new IllegalStateException("The matching service broke its rules: " + ledger.summary());
    }
  }
}
