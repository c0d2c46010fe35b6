package peerprep.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Users arrive at SCALE a second (default 2) for DURATION_SECONDS (default 60); each registers, opens the
 * matching socket and asks for one of three topics at one of two difficulties, then waits up to
 * MATCH_WAIT_SECONDS (default 75, past the service's 60 s timeout) for matched or timeout. Every match is
 * checked as it arrives: nobody matched twice or with themselves, both sides told the same session.
 */
public class MatchingStormSimulation extends Simulation {
  static final double SCALE = Options.scale(2);
  static final int DURATION = Options.whole("DURATION_SECONDS", 60);
  static final int WAIT = Options.whole("MATCH_WAIT_SECONDS", 75);
  static final List<String> TOPICS = List.of("arrays", "strings", "hashing");
  static final List<String> DIFFICULTIES = List.of("Easy", "Medium");
  private final MatchLedger ledger = new MatchLedger();

  {
    ScenarioBuilder arrivals = scenario("matching storm")
      .exec(Timings.capture())
      .exec(Accounts.register())
      .exec(Matching.findPartner(session -> Matching.randomRequest(TOPICS, DIFFICULTIES), Duration.ofSeconds(WAIT), ledger));

    List<Assertion> assertions = new ArrayList<>();
    assertions.add(Protocols.errorRate());
    assertions.add(details(Matching.UNIQUE).failedRequests().count().is(0L));
    assertions.add(details(Matching.WAIT).failedRequests().count().is(0L));
    assertions.addAll(Protocols.percentiles(List.of(Matching.OPEN), 250, 500));
    assertions.addAll(Protocols.percentiles(List.of("user: register"), 1_500, 2_500));
    setUp(arrivals.injectOpen(constantUsersPerSec(SCALE).during(Duration.ofSeconds(DURATION))))
      .protocols(Protocols.http())
      .assertions(assertions)
      .maxDuration(Duration.ofSeconds(DURATION + WAIT + 60L));
  }

  @Override
  public void before() {
    new StackClient(Targets.CURRENT).requireUp();
    System.out.printf("Matching storm: %.1f users a second for %d s against %s%n", SCALE, DURATION, Targets.CURRENT.describe());
  }

  @Override
  public void after() {
    System.out.println("Matching storm: " + ledger.summary());
    if (ledger.violations() > 0 || ledger.unconfirmed() > 0) {
      throw new IllegalStateException("The matching service broke its rules: " + ledger.summary());
    }
  }
}
