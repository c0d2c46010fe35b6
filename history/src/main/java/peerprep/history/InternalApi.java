package peerprep.history;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Auth;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The routes other services call with the service credential: recording a finished session, its chat
 * transcript, the questions a user has seen, and forgetting a deleted account.
 */
final class InternalApi {
  private final Vertx vertx;
  private final String credential;
  private final Limits limits;
  private final AttemptRepository attempts;
  private final TranscriptRepository transcripts;
  private final AccountRepository accounts;

  InternalApi(Vertx vertx, HistoryConfig cfg, AttemptRepository attempts, TranscriptRepository transcripts,
              AccountRepository accounts) {
    this.vertx = vertx;
    this.credential = cfg.internalToken();
    this.limits = cfg.limits();
    this.attempts = attempts;
    this.transcripts = transcripts;
    this.accounts = accounts;
  }

  void mount(ContractRouter routes) {
    Handler<RoutingContext> internal = Auth.internal(credential);
    routes.on("recordAttempt", internal, this::record)
      .on("putTranscript", internal, this::putTranscript)
      .on("attemptedQuestionIds", internal, this::attemptedQuestionIds)
      .on("attemptedQuestionIdsOfUsers", internal, this::attemptedQuestionIdsOfUsers)
      .on("forgetUser", internal, this::forgetUser);
  }

  private void record(RoutingContext ctx) {
    NewAttempt attempt = NewAttempt.fromJson(ContractRouter.body(ctx), limits);
    vertx.executeBlocking(() -> attempt.edits().encode(attempt.participants()), false)
      .compose(log -> attempts.record(attempt, log))
      .compose(created -> attempts.find(attempt.sessionId()).map(stored -> {
        if (stored == null) {
          throw ApiException.conflict("The attempt of this session was removed while it was being recorded; post it again.");
        }
        ctx.response().setStatusCode(created ? 201 : 200);
        return stored.toJson();
      }))
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  private void putTranscript(RoutingContext ctx) {
    UUID sessionId = ContractRouter.uuid(ctx, "sessionId");
    Transcript transcript = Transcript.fromJson(sessionId, ContractRouter.body(ctx), limits);
    transcripts.put(transcript)
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void attemptedQuestionIds(RoutingContext ctx) {
    UUID userId = ContractRouter.uuid(ctx, "userId");
    attempts.attemptedQuestionIds(userId)
      .onSuccess(ids -> ctx.json(new JsonObject().put("questionIds", new JsonArray(ids))))
      .onFailure(ctx::fail);
  }

  /** A body holding text PostgreSQL cannot store is a 400 naming where, never a 500 on every retry. */
  /** One query for both users of a pair, so a burst of matches needs half the connections. */
  private void attemptedQuestionIdsOfUsers(RoutingContext ctx) {
    List<UUID> userIds = new ArrayList<>();
    for (Object id : ContractRouter.body(ctx).getJsonArray("userIds")) {
      userIds.add(UUID.fromString((String) id));
    }
    attempts.attemptedQuestionIds(userIds)
      .onSuccess(found -> ctx.json(new JsonObject().put("questionIds", new JsonArray(found))))
      .onFailure(ctx::fail);
  }

  private void forgetUser(RoutingContext ctx) {
    UUID userId = ContractRouter.uuid(ctx, "userId");
    accounts.forget(userId)
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
