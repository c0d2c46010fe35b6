package peerprep.loadtest;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import scala.Option;
import scala.collection.immutable.List$;

/**
 * Timings Gatling cannot take itself, such as an edit arriving on the partner's socket, written into the
 * run's statistics as requests of their own: they appear in the HTML report and assertions can name them.
 * Gatling's Java DSL has no public call for this, so the stats engine is taken from the scenario context
 * when the scenario is built, by an action that adds nothing to the chain.
 */
final class Timings {
  private static volatile StatsEngine engine;

  private Timings() {
  }

  /** Put once at the start of every scenario that records timings. */
  static ActionBuilder capture() {
    return () -> (io.gatling.core.action.builder.ActionBuilder) (context, next) -> {
      engine = context.coreComponents().statsEngine();
      return next;
    };
  }

  static void ok(Session session, String name, long startMillis, long endMillis) {
    log(session, name, startMillis, endMillis, true, null);
  }

  static void ko(Session session, String name, long startMillis, long endMillis, String message) {
    log(session, name, startMillis, endMillis, false, message);
  }

  private static void log(Session session, String name, long start, long end, boolean ok, String message) {
    StatsEngine stats = engine;
    if (stats == null) {
      throw new IllegalStateException("Timings.capture() must start the scenario before timings are recorded");
    }
    stats.logResponse(session.scenario(), List$.MODULE$.empty(), name, start, Math.max(start, end),
      ok ? OK$.MODULE$ : KO$.MODULE$, Option.empty(), Option.apply(message));
  }
}
