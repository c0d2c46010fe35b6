package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import peerprep.common.auth.Auth;
import peerprep.common.testing.Companion;
import peerprep.common.testing.TestEnv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the history, question and collaboration services' internal APIs, with switches that
 * make each of them fail. It checks the service credential like the real ones do.
 */
final class StubPeers implements Companion {
  enum Mode { OK, FAIL, NOT_FOUND, HOLD }

  volatile Mode history = Mode.OK;
  volatile Mode pick = Mode.OK;
  volatile Mode sessions = Mode.OK;
  final Map<String, List<String>> attempted = new ConcurrentHashMap<>();
  final List<JsonObject> picks = new CopyOnWriteArrayList<>();
  /** History look-ups answered at once; more in flight are refused with 503, as a full connection pool would. */
  volatile int historyCapacity = Integer.MAX_VALUE;
  volatile long historyDelayMs;
  final AtomicInteger historyInFlight = new AtomicInteger();
  final AtomicInteger historyMostInFlight = new AtomicInteger();
  private final List<Waiter> pickWaiters = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  final Map<String, JsonObject> sessionsByMatch = new ConcurrentHashMap<>();
  final List<String> sessionCalls = new CopyOnWriteArrayList<>();
  private final List<RoutingContext> held = new CopyOnWriteArrayList<>();
  private final List<Promise<Void>> holdWaiters = new CopyOnWriteArrayList<>();
  private HttpServer server;

  static Future<StubPeers> start(Vertx vertx) {
    StubPeers stub = new StubPeers();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.route("/internal/*").handler(Auth.internal(TestEnv.INTERNAL_TOKEN));
    router.get("/internal/users/:id/attempted-question-ids").handler(stub::attemptedIds);
    router.post("/internal/attempted-question-ids").handler(stub::attemptedIdsOfUsers);
    stub.vertx = vertx;
    router.post("/internal/questions/pick").handler(stub::pickQuestion);
    router.post("/internal/sessions").handler(stub::createSession);
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode() < 0 ? 500 : ctx.statusCode()).end());
    return vertx.createHttpServer().requestHandler(router).listen(0).map(s -> {
      stub.server = s;
      return stub;
    });
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public JsonObject config() {
    return new JsonObject().put("QUESTION_SERVICE_URL", url()).put("HISTORY_SERVICE_URL", url())
      .put("COLLABORATION_SERVICE_URL", url());
  }

  @Override
  public Future<Void> close() {
    return server.close();
  }

  /** The questions of a topic and difficulty the stub's bank holds. */
  static String questionId(String topic, String difficulty, int n) {
    return topic + "-" + difficulty.toLowerCase() + "-" + n;
  }

  private void attemptedIds(RoutingContext ctx) {
    answerHistory(ctx, List.of(ctx.pathParam("id")));
  }

  private void attemptedIdsOfUsers(RoutingContext ctx) {
    List<String> users = new ArrayList<>();
    ctx.body().asJsonObject().getJsonArray("userIds").forEach(u -> users.add(String.valueOf(u)));
    answerHistory(ctx, users);
  }

  private void answerHistory(RoutingContext ctx, List<String> users) {
    int now = historyInFlight.incrementAndGet();
    historyMostInFlight.accumulateAndGet(now, Math::max);
    if (history != Mode.OK || now > historyCapacity) {
      historyInFlight.decrementAndGet();
      ctx.response().setStatusCode(503).end();
      return;
    }
    List<String> ids = new ArrayList<>();
    users.forEach(u -> ids.addAll(attempted.getOrDefault(u, List.of())));
    Runnable answer = () -> {
      historyInFlight.decrementAndGet();
      ctx.json(new JsonObject().put("questionIds", new JsonArray(ids)));
    };
    if (historyDelayMs > 0) {
      vertx.setTimer(historyDelayMs, id -> answer.run());
    } else {
      answer.run();
    }
  }

  /** Completes once the stub was asked for {@code n} questions. */
  Future<Void> picksReached(int n) {
    Waiter w = new Waiter(n, Promise.promise());
    pickWaiters.add(w);
    if (picks.size() >= n) {
      w.done().tryComplete();
    }
    return w.done().future();
  }

  private record Waiter(int n, Promise<Void> done) {
  }

  private void pickQuestion(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    picks.add(body);
    pickWaiters.forEach(w -> {
      if (picks.size() >= w.n()) {
        w.done().tryComplete();
      }
    });
    if (pick != Mode.OK) {
      ctx.response().setStatusCode(pick == Mode.NOT_FOUND ? 404 : 503).end();
      return;
    }
    String topic = body.getString("topic");
    String difficulty = body.getString("difficulty");
    List<Object> excluded = body.getJsonArray("excludeIds", new JsonArray()).getList();
    int n = 1;
    while (excluded.contains(questionId(topic, difficulty, n))) {
      n++;
    }
    String id = questionId(topic, difficulty, n);
    JsonObject question = new JsonObject().put("id", id).put("title", "Question " + id).put("difficulty", difficulty)
      .put("topics", new JsonArray().add(topic)).put("description", "Solve it.").put("starterCode", starterCode(id));
    ctx.json(new JsonObject().put("question", question).put("relaxed", false));
  }

  /** The starter code the stub's bank has for a question, per language. */
  static JsonObject starterCode(String questionId) {
    return new JsonObject().put("python", "def solve():  # " + questionId + "\n    pass\n")
      .put("java", "class Solution { /* " + questionId + " */ }\n");
  }

  /** Completes when a session request is being held (mode HOLD). */
  Future<Void> sessionHeld() {
    Promise<Void> p = Promise.promise();
    holdWaiters.add(p);
    if (!held.isEmpty()) {
      p.tryComplete();
    }
    return p.future();
  }

  /** Answers the held session requests normally. */
  void release() {
    sessions = Mode.OK;
    held.forEach(this::createSession);
    held.clear();
  }

  private void createSession(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String matchId = body.getString("matchId");
    if (sessions == Mode.HOLD) {
      held.add(ctx);
      holdWaiters.forEach(Promise::tryComplete);
      return;
    }
    sessionCalls.add(matchId);
    if (sessions != Mode.OK) {
      ctx.response().setStatusCode(500).end();
      return;
    }
    JsonObject existing = sessionsByMatch.get(matchId);
    if (existing != null) {
      ctx.json(new JsonObject().put("sessionId", existing.getString("sessionId")).put("status", "active"));
      return;
    }
    JsonObject session = body.copy().put("sessionId", UUID.randomUUID().toString());
    sessionsByMatch.put(matchId, session);
    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
      .end(new JsonObject().put("sessionId", session.getString("sessionId")).put("status", "active").encode());
  }
}
