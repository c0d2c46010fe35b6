package peerprep.collab.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import peerprep.common.auth.Auth;
import peerprep.common.testing.Companion;
import peerprep.common.testing.TestEnv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the history service's POST /internal/attempts: records every call, answers 201 for a new
 * session id and 200 for a repeat (as the real one does), and can be told to fail the next calls. As a
 * {@link Companion} it points the service's {@code HISTORY_SERVICE_URL} at itself.
 */
public final class HistoryStub implements Companion {
  private final HttpServer server;
  private final List<JsonObject> calls = new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> stored = new HashMap<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger refuseNext = new AtomicInteger();
  private final List<Waiter> waiters = new ArrayList<>();

  private HistoryStub(HttpServer server, Router router) {
    this.server = server;
    router.post("/internal/attempts").handler(BodyHandler.create()).handler(ctx -> {
      if (!TestEnv.INTERNAL_TOKEN.equals(ctx.request().getHeader(Auth.INTERNAL_HEADER))) {
        ctx.response().setStatusCode(403).end();
        return;
      }
      JsonObject body = ctx.body().asJsonObject();
      calls.add(body);
      if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ctx.response().setStatusCode(400).end("{\"detail\":\"refused\"}");
      } else if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ctx.response().setStatusCode(503).end();
      } else {
        boolean fresh = stored.putIfAbsent(body.getString("sessionId"), body) == null;
        ctx.response().setStatusCode(fresh ? 201 : 200).end(body.encode());
      }
      notifyWaiters();
    });
  }

  public static Future<HistoryStub> start(Vertx vertx) {
    Router router = Router.router(vertx);
    HttpServer server = vertx.createHttpServer();
    HistoryStub stub = new HistoryStub(server, router);
    return server.requestHandler(router).listen(0).map(stub);
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public JsonObject config() {
    return new JsonObject().put("HISTORY_SERVICE_URL", url());
  }

  public List<JsonObject> calls() {
    return List.copyOf(calls);
  }

  /** Calls for one session, successful or not. */
  public List<JsonObject> callsFor(String sessionId) {
    return calls.stream().filter(c -> sessionId.equals(c.getString("sessionId"))).toList();
  }

  public JsonObject stored(String sessionId) {
    return stored.get(sessionId);
  }

  /** The next {@code n} calls are answered 400, as history answers an attempt it cannot store. */
  public void refuseNext(int n) {
    refuseNext.set(n);
  }

  /** The next {@code n} calls are answered 503. */
  public void failNext(int n) {
    failNext.set(n);
  }

  /** Completes once {@code n} calls for the session have arrived. */
  public synchronized Future<List<JsonObject>> awaitCalls(String sessionId, int n) {
    Waiter w = new Waiter(sessionId, n, Promise.promise());
    waiters.add(w);
    notifyWaiters();
    return w.promise.future();
  }

  private synchronized void notifyWaiters() {
    waiters.removeIf(w -> {
      List<JsonObject> mine = callsFor(w.sessionId);
      if (mine.size() >= w.n) {
        w.promise.complete(mine);
        return true;
      }
      return false;
    });
  }

  public void reset() {
    calls.clear();
    stored.clear();
    failNext.set(0);
    refuseNext.set(0);
  }

  @Override
  public Future<Void> close() {
    return server.close();
  }

  private record Waiter(String sessionId, int n, Promise<List<JsonObject>> promise) {
  }
}
