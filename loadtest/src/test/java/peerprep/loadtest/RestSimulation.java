package peerprep.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * New users arrive at SCALE a second (default 2) for DURATION_SECONDS (default 60): each registers, logs
 * in, browses and filters questions, opens two, and looks at their history and stats.
 */
public class RestSimulation extends Simulation {
  static final double SCALE = Options.scale(2);
  static final int DURATION = Options.whole("DURATION_SECONDS", 60);

  static final ScenarioBuilder VISITORS = scenario("visitors")
    .exec(Accounts.register())
    .exec(pause(Duration.ofSeconds(1)))
    .exec(Accounts.logIn())
    .exec(Browsing.browse());

  {
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(Protocols.errorRate());
    assertions.addAll(Protocols.percentiles(Browsing.READS, 250, 500));
    assertions.addAll(Protocols.percentiles(List.of("user: register", "user: log in"), 1_500, 2_500));
    setUp(VISITORS.injectOpen(constantUsersPerSec(SCALE).during(Duration.ofSeconds(DURATION))))
      .protocols(Protocols.http())
      .assertions(assertions)
      .maxDuration(Duration.ofSeconds(DURATION + 120L));
  }

  @Override
  public void before() {
    new StackClient(Targets.CURRENT).requireUp();
    System.out.printf("REST load: %.1f new users a second for %d s against %s%n", SCALE, DURATION, Targets.CURRENT.describe());
  }
}
