package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import peerprep.common.auth.Auth;
import peerprep.common.testing.Companion;
import peerprep.common.testing.TestEnv;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the history service's transcript endpoint; records every request it answered. */
final class HistoryStub implements Companion {
  private final List<Put> puts = new CopyOnWriteArrayList<>();
  private final Map<String, Promise<JsonObject>> accepted = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger refusalsLeft = new AtomicInteger();
  private final HttpServer server;

  private HistoryStub(HttpServer server) {
    this.server = server;
  }

  static Future<HistoryStub> start(Vertx vertx) {
    Router router = Router.router(vertx);
    HistoryStub[] self = new HistoryStub[1];
    router.put("/internal/attempts/:id/transcript").handler(BodyHandler.create()).handler(ctx -> self[0].transcript(ctx));
    return vertx.createHttpServer().requestHandler(router).listen(0).map(s -> self[0] = new HistoryStub(s));
  }

  private void transcript(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    boolean authorized = TestEnv.INTERNAL_TOKEN.equals(ctx.request().getHeader(Auth.INTERNAL_HEADER));
    int status = !authorized ? 403 : refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 400
      : failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
    JsonObject body = ctx.body().asJsonObject();
    puts.add(new Put(id, status, body));
    ctx.response().setStatusCode(status).end();
    if (status == 200) {
      promise(id).tryComplete(body);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The next {@code n} requests are answered 503. */
  void failNext(int n) {
    failuresLeft.set(n);
  }

  /** The next {@code n} requests are answered 400, as history answers a transcript it cannot store. */
  void refuseNext(int n) {
    refusalsLeft.set(n);
  }

  /** Completes with the body of the first transcript of the session that was answered 200. */
  Future<JsonObject> accepted(String sessionId) {
    return promise(sessionId).future();
  }

  List<Put> puts(String sessionId) {
    return puts.stream().filter(p -> p.sessionId.equals(sessionId)).toList();
  }

  private Promise<JsonObject> promise(String sessionId) {
    return accepted.computeIfAbsent(sessionId, k -> Promise.promise());
  }

  @Override
  public JsonObject config() {
    return new JsonObject().put("HISTORY_SERVICE_URL", url());
  }

  @Override
  public Future<Void> close() {
    return server.close();
  }

  record Put(String sessionId, int status, JsonObject body) {
  }
}
