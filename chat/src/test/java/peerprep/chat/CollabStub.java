package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import peerprep.common.auth.Auth;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.Companion;
import peerprep.common.testing.TestEnv;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the collaboration service's internal session lookup. */
final class CollabStub implements Companion {
  private final Map<String, JsonObject> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private final HttpServer server;
  private volatile boolean down;

  private CollabStub(HttpServer server) {
    this.server = server;
  }

  static Future<CollabStub> start(Vertx vertx) {
    Router router = Router.router(vertx);
    CollabStub[] self = new CollabStub[1];
    router.get("/internal/sessions/:id").handler(ctx -> self[0].lookup(ctx));
    return vertx.createHttpServer().requestHandler(router).listen(0).map(s -> self[0] = new CollabStub(s));
  }

  private void lookup(io.vertx.ext.web.RoutingContext ctx) {
    lookups.incrementAndGet();
    if (!TestEnv.INTERNAL_TOKEN.equals(ctx.request().getHeader(Auth.INTERNAL_HEADER))) {
      ctx.response().setStatusCode(403).end();
    } else if (down) {
      ctx.response().setStatusCode(500).end();
    } else {
      JsonObject session = sessions.get(ctx.pathParam("id"));
      if (session == null) {
        ctx.response().setStatusCode(404).end();
      } else {
        ctx.json(session);
      }
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** A new active session of the two users; returns its id. */
  String session(TestUser a, TestUser b) {
    String id = UUID.randomUUID().toString();
    sessions.put(id, new JsonObject().put("sessionId", id).put("status", "active").put("language", "python")
      .put("participants", new JsonArray()
        .add(new JsonObject().put("id", a.id()).put("username", a.username()))
        .add(new JsonObject().put("id", b.id()).put("username", b.username()))));
    return id;
  }

  void end(String sessionId) {
    sessions.get(sessionId).put("status", "ended");
  }

  void down(boolean value) {
    down = value;
  }

  int lookups() {
    return lookups.get();
  }

  @Override
  public JsonObject config() {
    return new JsonObject().put("COLLABORATION_SERVICE_URL", url());
  }

  @Override
  public Future<Void> close() {
    return server.close();
  }
}
