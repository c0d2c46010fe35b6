package peerprep.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * SCALE pairs (default 50) in sessions at once. The sessions are made before the run through the
 * collaboration service's internal route, as matching makes them (the internal token comes from
 * INTERNAL_TOKEN or STATE_DIR/internal-token). Both users of a pair join the editor and the chat over
 * RAMP_SECONDS (default 30) and type and chat at human pace (timed as phase "ramp" while others still
 * join), then at human pace for HUMAN_SECONDS (default 30) with every pair in, then at stress pace for
 * STRESS_SECONDS (default 30); user "a" then ends the session. Every edit and message is timed until it
 * reaches the partner's socket.
 */
public class SessionsSimulation extends Simulation {
  static final int PAIRS = (int) Math.ceil(Options.scale(50));
  static final int RAMP = Options.whole("RAMP_SECONDS", 30);
  static final int HUMAN = Options.whole("HUMAN_SECONDS", 30);
  static final int STRESS = Options.whole("STRESS_SECONDS", 30);
  static final Duration HUMAN_EDIT = Duration.ofMillis(Options.whole("HUMAN_EDIT_MS", 2_000));
  static final Duration STRESS_EDIT = Duration.ofMillis(Options.whole("STRESS_EDIT_MS", 250));
  /** Registering costs the server a password hash per user, so users are shared between sessions. */
  static final int POOL = Options.whole("USER_POOL", Math.min(2 * PAIRS, 64));
  /** The chat allows 20 messages in 10 s per user; a pool user chats in every session they sit in. */
  static final double CHATS_PER_USER_SECOND = 1.5;
  private static final AtomicLong START = new AtomicLong();
  private final Pairs pairs = new Pairs();

  {
    ScenarioBuilder participants = scenario("pairs")
      .exec(Timings.capture())
      .feed(pairs)
      .exec(session -> {
        START.compareAndSet(0, System.currentTimeMillis());
        return session;
      })
      .exec(Collaboration.join())
      .exec(Collaboration.work("ramp", session -> at(RAMP), HUMAN_EDIT, chatEvery(7, HUMAN_EDIT)))
      .exec(Collaboration.work("human", session -> at(RAMP + HUMAN), HUMAN_EDIT, chatEvery(7, HUMAN_EDIT)))
      .exec(Collaboration.work("stress", session -> at(RAMP + HUMAN + STRESS), STRESS_EDIT, chatEvery(20, STRESS_EDIT)))
      .exec(pause(Duration.ofSeconds(2)))
      .exec(Collaboration.settle())
      .doIf(session -> "a".equals(session.getString("role"))).then(
        exec(pause(Duration.ofSeconds(2))).exec(Collaboration.end()))
      .exec(Collaboration.leave());

    List<Assertion> assertions = new ArrayList<>();
    assertions.add(Protocols.errorRate());
    assertions.addAll(Protocols.percentiles(List.of(Collaboration.editReachesPartner("human")), 100, 250));
    assertions.addAll(Protocols.percentiles(List.of(Collaboration.editReachesPartner("stress")), 250, 500));
    assertions.addAll(Protocols.percentiles(List.of(Collaboration.push("human"), Collaboration.push("stress")), 250, 500));
    assertions.addAll(Protocols.percentiles(List.of(Collaboration.JOIN, Collaboration.CHAT_JOIN), 500, 1_000));
    setUp(participants.injectOpen(rampUsers(2 * PAIRS).during(Duration.ofSeconds(RAMP))))
      .protocols(Protocols.http())
      .assertions(assertions)
      .maxDuration(Duration.ofSeconds(RAMP + HUMAN + STRESS + 90L));
  }

  /**
   * Every how many edits a participant chats: {@code usual}, or less often when pool users sit in so many
   * sessions that their messages together would pass the chat's per-user rate.
   */
  static int chatEvery(int usual, Duration editEvery) {
    double sessionsPerUser = 2.0 * PAIRS / POOL;
    double seconds = editEvery.toMillis() / 1000.0;
    return Math.max(usual, (int) Math.ceil(sessionsPerUser / (CHATS_PER_USER_SECOND * seconds)));
  }

  /** The moment {@code seconds} after the first user started, in epoch milliseconds. */
  private static long at(int seconds) {
    return START.get() + seconds * 1000L;
  }

  @Override
  public void before() {
    StackClient stack = new StackClient(Targets.CURRENT);
    stack.requireUp();
    System.out.printf("Sessions: %d pairs (%d pooled users; a chat message every %d edits at human pace, %d at stress) against %s;"
      + " preparing...%n", PAIRS, POOL, chatEvery(7, HUMAN_EDIT), chatEvery(20, STRESS_EDIT), Targets.CURRENT.describe());
    pairs.prepare(stack, PAIRS, POOL, Options.internalToken());
  }

  @Override
  public void after() {
    System.out.println("Sessions: pushes refused as stale (conflicts, retried after catching up): " + Tally.CONFLICTS.get());
  }
}
