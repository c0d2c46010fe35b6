package peerprep.history;

import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;
import peerprep.common.vocab.Difficulty;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The query of a user's attempt list: optional topic, difficulty and an inclusive range of UTC days
 * ({@code from}, {@code to}) on the end time, then one page of a given size.
 */
public record AttemptFilter(String topic, String difficulty, OffsetDateTime endedFrom, OffsetDateTime endedBefore,
                            int page, int size) {
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 100;

  static AttemptFilter fromQuery(RoutingContext ctx) {
    String topic = param(ctx, "topic");
    String difficulty = param(ctx, "difficulty");
    LocalDate from = day(ctx, "from");
    LocalDate to = day(ctx, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw ApiException.badRequest("The query parameter 'to' (" + to + ") is before 'from' (" + from + ").");
    }
    return new AttemptFilter(
      topic == null ? null : topic.toLowerCase(Locale.ROOT),
      difficulty == null ? null : Difficulty.parse(difficulty, "query parameter 'difficulty'").label(),
      from == null ? null : from.atStartOfDay().atOffset(ZoneOffset.UTC),
      to == null ? null : to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC),
      ContractRouter.intQuery(ctx, "page", 1),
      ContractRouter.intQuery(ctx, "size", DEFAULT_SIZE));
  }

  int offset() {
    return (page - 1) * size;
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static LocalDate day(RoutingContext ctx, String name) {
    String v = param(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("The query parameter '" + name + "' must be a date as YYYY-MM-DD, not '" + v + "'.");
    }
  }
}
