package peerprep.history;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Auth;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;
import peerprep.common.text.StorableText;

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

  void mount(Router r) {
    r.route("/internal/*").handler(Auth.internal(credential));
    r.post("/internal/attempts").handler(this::record);
    r.put("/internal/attempts/:sessionId/transcript").handler(this::putTranscript);
    r.get("/internal/users/:userId/attempted-question-ids").handler(this::attemptedQuestionIds);
    r.delete("/internal/users/:userId").handler(this::forgetUser);
  }

  private void record(RoutingContext ctx) {
    NewAttempt attempt = NewAttempt.fromJson(storable(Bodies.json(ctx)), limits);
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
    UUID sessionId = Bodies.uuid(ctx.pathParam("sessionId"), "session id");
    Transcript transcript = Transcript.fromJson(sessionId, storable(Bodies.json(ctx)), limits);
    transcripts.put(transcript)
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void attemptedQuestionIds(RoutingContext ctx) {
    UUID userId = Bodies.uuid(ctx.pathParam("userId"), "user id");
    attempts.attemptedQuestionIds(userId)
      .onSuccess(ids -> ctx.json(new JsonObject().put("questionIds", new JsonArray(ids))))
      .onFailure(ctx::fail);
  }

  /** A body holding text PostgreSQL cannot store is a 400 naming where, never a 500 on every retry. */
  private static JsonObject storable(JsonObject body) {
    StorableText.requireJson(body);
    return body;
  }

  private void forgetUser(RoutingContext ctx) {
    UUID userId = Bodies.uuid(ctx.pathParam("userId"), "user id");
    accounts.forget(userId)
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
