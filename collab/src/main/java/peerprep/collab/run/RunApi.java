package peerprep.collab.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.collab.session.Envelope;
import peerprep.collab.session.Participant;
import peerprep.collab.session.Session;
import peerprep.collab.session.SessionRepository;
import peerprep.common.auth.Auth;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.Principal;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;
import peerprep.common.text.StorableText;
import peerprep.common.vocab.SessionIds;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Running a session's code: a participant asks, the session's current text and language (what both see)
 * go to the execution service, and both partners are told through the session's channel that the run
 * started, by whom, and what came of it. One run at a time per session, a quota of runs per session.
 */
final class RunApi {
  private final SessionRepository sessions;
  private final RunRepository runs;
  private final ExecutionClient execution;
  private final JwksVerifier verifier;
  private final RunConfig cfg;

  RunApi(SessionRepository sessions, RunRepository runs, ExecutionClient execution, JwksVerifier verifier, RunConfig cfg) {
    this.sessions = sessions;
    this.runs = runs;
    this.execution = execution;
    this.verifier = verifier;
    this.cfg = cfg;
  }

  void mount(ContractRouter routes) {
    routes.on("runCode", Auth.required(verifier), this::run)
      .on("listRuns", Auth.required(verifier), this::list);
  }

  private void run(RoutingContext ctx) {
    String stdin = stdin(ctx);
    Principal me = Principal.of(ctx);
    participantSession(ctx.pathParam("id"), me)
      .compose(s -> {
        if (!s.isActive()) {
          return Future.failedFuture(ApiException.conflict("The session has ended: its code can no longer be run."));
        }
        if (!cfg.enabled()) {
          return Future.failedFuture(ApiException.unavailable("Running code is not set up on this server."));
        }
        if (s.doc().isBlank()) {
          return Future.failedFuture(ApiException.badRequest("The editor is empty: there is nothing to run."));
        }
        return start(s, s.participant(me.id()).orElseThrow(), stdin);
      })
      .onSuccess(record -> ctx.json(record))
      .onFailure(ctx::fail);
  }

  private Future<JsonObject> start(Session s, Participant by, String stdin) {
    JsonObject running = new JsonObject().put("runId", UUID.randomUUID().toString()).put("by", by.toJson())
      .put("language", s.language()).put("version", s.version()).put("startedAt", now()).put("stdin", stdin);
    String lock = running.encode();
    return runs.start(s.id(), lock, envelope(new JsonObject().put("type", "run-started").put("run", running)))
      .compose(started -> switch (started.outcome()) {
        case "ok" -> execute(s, lock, running);
        case "busy" -> Future.failedFuture(ApiException.conflict("A run started by "
          + new JsonObject(started.detail()).getJsonObject("by").getString("username") + " is still going; wait for its result."));
        default -> Future.failedFuture(new ApiException(429, "Too Many Requests",
          "This session has used all its " + cfg.quota() + " runs."));
      });
  }

  /** Runs the code; whatever happens, the session is freed for the next run and both partners hear of it. */
  private Future<JsonObject> execute(Session s, String lock, JsonObject running) {
    return execution.run(s.language(), s.doc(), running.getString("stdin"))
      .compose(result -> {
        JsonObject record = running.copy().put("finishedAt", now()).put("result", result);
        String frame = envelope(new JsonObject().put("type", "run-finished").put("run", record));
        return runs.finish(s.id(), lock, record.copy().put("code", s.doc()), frame).map(record);
      })
      .recover(e -> {
        String reason = e instanceof ApiException api ? api.getMessage() : "The run failed; try again.";
        JsonObject failed = running.copy().put("finishedAt", now()).put("error", reason);
        String frame = envelope(new JsonObject().put("type", "run-failed").put("run", failed));
        return runs.finish(s.id(), lock, null, frame).transform(ar -> Future.failedFuture(e));
      });
  }

  private void list(RoutingContext ctx) {
    participantSession(ctx.pathParam("id"), Principal.of(ctx))
      .compose(s -> runs.list(s.id()))
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  /** The session when the user is one of its participants; to anyone else it does not exist. */
  private Future<Session> participantSession(String id, Principal me) {
    if (!SessionIds.canonical(id)) {
      return Future.failedFuture(unknown(id));
    }
    return sessions.find(id).compose(s -> s == null || s.participant(me.id()).isEmpty()
      ? Future.failedFuture(unknown(id))
      : Future.succeededFuture(s));
  }

  /** The body is optional, and so is its stdin; the OpenAPI document has checked it is a string or null. */
  private String stdin(RoutingContext ctx) {
    JsonObject body = ContractRouter.body(ctx);
    String stdin = body == null ? null : body.getString("stdin");
    stdin = stdin == null ? "" : stdin;
    if (stdin.getBytes(StandardCharsets.UTF_8).length > cfg.maxStdinBytes()) {
      throw ApiException.tooLarge("The input may have at most " + cfg.maxStdinBytes() + " bytes.");
    }
    return StorableText.require("stdin", stdin);
  }

  private static String envelope(JsonObject frame) {
    return new Envelope(Envelope.RUN, 0, 0, null, frame.encode()).encode();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound("There is no session '" + id + "' (or it ended more than a day ago).");
  }
}
