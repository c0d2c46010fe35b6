package peerprep.collab;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.collab.session.DisplayName;
import peerprep.collab.session.NewSession;
import peerprep.collab.session.Session;
import peerprep.collab.session.SessionRepository;
import peerprep.common.auth.Auth;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.Principal;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;
import peerprep.common.vocab.SessionIds;

import java.time.Instant;
import java.util.UUID;

/** The HTTP routes of sessions: creation by the matching service, reads by services and by participants. */
final class SessionApi {
  /** Sessions end within minutes of both leaving, so only a user's latest few can still be active. */
  private static final int ACTIVE_LOOKUPS = 5;
  private final SessionRepository sessions;
  private final JwksVerifier verifier;
  private final String internalToken;

  SessionApi(SessionRepository sessions, JwksVerifier verifier, String internalToken) {
    this.sessions = sessions;
    this.verifier = verifier;
    this.internalToken = internalToken;
  }

  void mount(ContractRouter routes) {
    routes.on("createSession", Auth.internal(internalToken), this::create)
      .on("describeSession", Auth.internal(internalToken), this::describe)
      .on("listActiveSessions", Auth.required(verifier), this::active)
      .on("readSession", Auth.required(verifier), this::show)
      .on("setDisplayName", Auth.required(verifier), this::rename);
  }

  private void create(RoutingContext ctx) {
    NewSession s = NewSession.fromJson(ContractRouter.body(ctx));
    sessions.create(s, UUID.randomUUID().toString(), Instant.now())
      .onSuccess(c -> ctx.response().setStatusCode(c.created() ? 201 : 200).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("sessionId", c.sessionId())
          .put("status", Session.ACTIVE.equals(c.status()) ? Session.ACTIVE : Session.ENDED)
          .put("createdAt", c.createdAt()).encode()))
      .onFailure(ctx::fail);
  }

  private void describe(RoutingContext ctx) {
    load(ctx.pathParam("id"))
      .onSuccess(s -> ctx.json(s.toInternalJson()))
      .onFailure(ctx::fail);
  }

  /** Participants only; to anyone else the session does not exist (404), so ids cannot be probed. */
  private void show(RoutingContext ctx) {
    Principal me = Principal.of(ctx);
    load(ctx.pathParam("id"))
      .map(s -> s.participant(me.id()).map(p -> s).orElseThrow(() -> unknown(s.id())))
      .onSuccess(s -> ctx.json(s.toParticipantJson(me.id())))
      .onFailure(ctx::fail);
  }

  /** The caller's sessions that are still active, newest first, from this service's own record. */
  private void active(RoutingContext ctx) {
    String me = Principal.of(ctx).id();
    sessions.latestOf(me)
      .compose(ids -> Future.all(ids.stream().limit(ACTIVE_LOOKUPS).map(sessions::find).toList()))
      .map(found -> {
        JsonArray out = new JsonArray();
        found.<Session>list().stream()
          .filter(s -> s != null && s.isActive() && s.participant(me).isPresent())
          .forEach(s -> out.add(s.toSummaryJson(me)));
        return new JsonObject().put("sessions", out);
      })
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  /** A participant says how their partner should call them (their profile's display name). */
  private void rename(RoutingContext ctx) {
    Principal me = Principal.of(ctx);
    String name = DisplayName.fromJson(ContractRouter.body(ctx));
    load(ctx.pathParam("id"))
      .compose(s -> s.participant(me.id()).isPresent() ? sessions.displayName(s.id(), me.id(), name) : Future.failedFuture(unknown(s.id())))
      .compose(found -> found ? Future.succeededFuture() : Future.failedFuture(unknown(ctx.pathParam("id"))))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private Future<Session> load(String id) {
    if (!SessionIds.canonical(id)) {
      return Future.failedFuture(unknown(id));
    }
    return sessions.find(id).compose(s -> s == null
      ? Future.failedFuture(unknown(id))
      : Future.succeededFuture(s));
  }

  static ApiException unknown(String id) {
    return ApiException.notFound("There is no session '" + id + "' (or it ended more than a day ago).");
  }
}
