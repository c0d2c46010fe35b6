package peerprep.history;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Auth;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.Principal;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The routes of signed-in users: their attempts, one attempt, its replay log, their stats. An attempt
 * the user may not open answers exactly as one that does not exist, so ids reveal nothing.
 */
final class AttemptApi {
  private final Vertx vertx;
  private final JwksVerifier verifier;
  private final AttemptRepository attempts;
  private final AccountRepository accounts;
  private final Clock clock;

  AttemptApi(Vertx vertx, JwksVerifier verifier, AttemptRepository attempts, AccountRepository accounts, Clock clock) {
    this.vertx = vertx;
    this.verifier = verifier;
    this.attempts = attempts;
    this.accounts = accounts;
    this.clock = clock;
  }

  void mount(ContractRouter routes) {
    Handler<RoutingContext> signedIn = Auth.required(verifier);
    routes.on("listMyAttempts", signedIn, this::list)
      .on("getAttempt", signedIn, this::show)
      .on("getReplay", signedIn, this::replay)
      .on("getMyStats", signedIn, this::myStats);
  }

  private void list(RoutingContext ctx) {
    AttemptFilter filter = AttemptFilter.fromQuery(ctx);
    attempts.list(me(ctx), filter).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void show(RoutingContext ctx) {
    UUID sessionId = sessionId(ctx);
    Principal user = Principal.of(ctx);
    attempts.find(sessionId)
      .compose(a -> a != null && Participant.visible(a.participants(), user)
        ? Future.succeededFuture(a.toJson()) : Future.failedFuture(notFound(sessionId)))
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  private void replay(RoutingContext ctx) {
    UUID sessionId = sessionId(ctx);
    Principal user = Principal.of(ctx);
    attempts.findLog(sessionId)
      .compose(log -> log != null && Participant.visible(log.participants(), user)
        ? vertx.executeBlocking(() -> replayOf(sessionId, log), false)
        : Future.failedFuture(notFound(sessionId)))
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  /** The edits, language switches and runs, each at its point in time, for a player to step through. */
  private static JsonObject replayOf(UUID sessionId, AttemptRepository.StoredLog log) {
    return new JsonObject()
      .put("sessionId", sessionId.toString())
      .put("initialText", "")
      .put("initialLanguage", LanguageSwitches.initial(log.languageSwitches(), log.language()))
      .put("edits", EditLog.decode(log.compressed(), log.participants()))
      .put("languageSwitches", LanguageSwitches.shownWith(log.languageSwitches(), log.participants()))
      .put("runs", RunLog.shownWith(log.runs(), log.participants()));
  }

  private void myStats(RoutingContext ctx) {
    accounts.stats(me(ctx))
      .map(row -> Stats.fromRow(row, LocalDate.now(clock)).toJson())
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  private static UUID me(RoutingContext ctx) {
    return UUID.fromString(Principal.of(ctx).id());
  }

  private static UUID sessionId(RoutingContext ctx) {
    return ContractRouter.uuid(ctx, "sessionId");
  }

  private static ApiException notFound(UUID sessionId) {
    return ApiException.notFound("No attempt of session " + sessionId + " is visible to you.");
  }
}
