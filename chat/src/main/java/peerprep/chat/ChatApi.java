package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Auth;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.Principal;
import peerprep.common.auth.UserSockets;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;

import java.util.List;

/** The chat's routes: the session WebSocket and the REST backlog, both for the session's participants only. */
final class ChatApi {
  private static final int DEFAULT_LIMIT = 50;
  private final JwksVerifier verifier;
  private final UserSockets sockets;
  private final SessionDirectory directory;
  private final ChatContext chat;

  ChatApi(JwksVerifier verifier, UserSockets sockets, SessionDirectory directory, ChatContext chat) {
    this.verifier = verifier;
    this.sockets = sockets;
    this.directory = directory;
    this.chat = chat;
  }

  void mount(ContractRouter routes) {
    routes.on("listMessages", Auth.required(verifier), this::listMessages);
    routes.plain("connectChat", this::connect);
  }

  /**
   * Authenticates and admits during the handshake, so a refused client gets a plain HTTP status and never
   * a socket. The request stays paused meanwhile: an upgrade is only possible before its end was read.
   */
  private void connect(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    String sessionId = SessionIds.parse(ctx.pathParam("id"));
    String after = optionalId(ctx);
    Auth.authenticate(verifier, request)
      .compose(principal -> directory.admit(sessionId, principal).compose(session -> {
        if (!request.canUpgradeToWebSocket()) {
          return Future.failedFuture(new ApiException(426, "Upgrade Required",
            "This route speaks WebSocket; connect with a WebSocket client."));
        }
        HttpConnection tcp = request.connection();
        return sockets.upgrade(principal, request::toWebSocket).map(ws -> new ChatSocket(ws, tcp, principal, session, after, chat));
      }))
      .onSuccess(ChatSocket::start)
      .onFailure(e -> {
        request.resume();
        ctx.fail(e);
      });
  }

  private void listMessages(RoutingContext ctx) {
    String sessionId = SessionIds.parse(ctx.pathParam("id"));
    String after = optionalId(ctx);
    int limit = ContractRouter.intQuery(ctx, "limit", DEFAULT_LIMIT);
    directory.admit(sessionId, Principal.of(ctx))
      .compose(session -> Future.all(page(sessionId, after, limit), chat.repository().isEnded(sessionId))
        .map(both -> {
          List<ChatMessage> messages = both.resultAt(0);
          boolean hasMore = messages.size() > limit;
          List<ChatMessage> shown = !hasMore ? messages
            : after == null ? messages.subList(1, messages.size()) : messages.subList(0, limit);
          boolean ended = session.ended() || both.<Boolean>resultAt(1);
          return new JsonObject().put("sessionId", sessionId).put("status", ended ? "ended" : "active")
            .put("messages", new JsonArray(shown.stream().map(ChatMessage::toJson).toList()))
            .put("hasMore", hasMore);
        }))
      .onSuccess(ctx::json)
      .onFailure(ctx::fail);
  }

  /** One more than asked for is read, to tell the client whether there is more. */
  private Future<List<ChatMessage>> page(String sessionId, String after, int limit) {
    return after == null
      ? chat.repository().recent(sessionId, limit + 1)
      : chat.repository().after(sessionId, after, limit + 1);
  }

  private static String optionalId(RoutingContext ctx) {
    String after = ctx.queryParams().get("after");
    return after == null || after.isBlank() ? null : StreamIds.parse(after.trim(), "'after' value");
  }
}
