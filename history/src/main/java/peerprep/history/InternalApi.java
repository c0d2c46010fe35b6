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

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The routes other services call with the service credential: recording a finished session, its chat
 * transcript, the questions a user has seen, and forgetting a deleted account.
 */
final class InternalApi {
  private static final int MAX_USERS_PER_LOOKUP = 100;
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
    r.post("/internal/attempted-question-ids").handler(this::attemptedQuestionIdsOfUsers);
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

  /** One query for both users of a pair, so a burst of matches needs half the connections. */
  private void attemptedQuestionIdsOfUsers(RoutingContext ctx) {
    Object ids = Bodies.json(ctx).getValue("userIds");
    if (!(ids instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_USERS_PER_LOOKUP) {
      throw ApiException.badRequest("'userIds' must be an array of 1 to " + MAX_USERS_PER_LOOKUP + " user ids.");
    }
    List<UUID> userIds = new ArrayList<>();
    for (Object id : array) {
      userIds.add(Bodies.uuid(id instanceof String s ? s : String.valueOf(id), "user id"));
    }
    attempts.attemptedQuestionIds(userIds)
      .onSuccess(found -> ctx.json(new JsonObject().put("questionIds", new JsonArray(found))))
      .onFailure(ctx::fail);
  }

  private void forgetUser(RoutingContext ctx) {
    UUID userId = Bodies.uuid(ctx.pathParam("userId"), "user id");
    accounts.forget(userId)
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
