package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Auth;
import peerprep.common.testing.Companion;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestEnv;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.user.ServiceUnderTest.PASSWORD;
import static peerprep.user.ServiceUnderTest.await;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("Deleted accounts reach the history service through the outbox")
class DeletionOutboxTest {
  private static final long BACKOFF_MS = 400;
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture()
    .with(v -> new HistoryStub().start(v))
    .config("OUTBOX_INTERVAL_MS", 50)
    .config("OUTBOX_BACKOFF_BASE_MS", BACKOFF_MS)
    .flushingRedis();
  private static Vertx vertx;
  private static HistoryStub history;
  private static ServiceUnderTest service;

  /** One request the stand-in history service received, and what it answered. */
  record Call(String method, String path, String credential, long atMs, int status) {
  }

  /**
   * Stands in for the history service's DELETE /internal/users/{id}: answers each user's scripted statuses
   * in turn (204 once they run out), records every call, and tells a waiting test when a user's n-th call came.
   */
  static final class HistoryStub implements Companion {
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
    private final Map<String, Promise<Void>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Integer> waitingFor = new ConcurrentHashMap<>();
    private HttpServer server;

    Future<HistoryStub> start(Vertx vertx) {
      return vertx.createHttpServer().requestHandler(this::handle).listen(0).map(s -> {
        server = s;
        return this;
      });
    }

    private synchronized void handle(HttpServerRequest request) {
      String user = request.path().substring(request.path().lastIndexOf('/') + 1);
      Integer scripted = scripts.getOrDefault(user, new ArrayDeque<>()).poll();
      int status = scripted == null ? 204 : scripted;
      List<Call> mine = calls.computeIfAbsent(user, u -> new ArrayList<>());
      mine.add(new Call(request.method().name(), request.path(), request.getHeader(Auth.INTERNAL_HEADER), System.currentTimeMillis(), status));
      request.response().setStatusCode(status).end();
      if (waiting.containsKey(user) && mine.size() >= waitingFor.get(user)) {
        waiting.remove(user).tryComplete();
      }
    }

    synchronized void script(String user, Integer... statuses) {
      scripts.put(user, new ArrayDeque<>(List.of(statuses)));
    }

    synchronized List<Call> calls(String user) {
      return List.copyOf(calls.getOrDefault(user, List.of()));
    }

    synchronized Future<Void> calls(String user, int count) {
      Promise<Void> reached = Promise.promise();
      if (calls(user).size() >= count) {
        reached.complete();
      } else {
        waiting.put(user, reached);
        waitingFor.put(user, count);
      }
      return reached.future();
    }

    int port() {
      return server.actualPort();
    }

    @Override
    public JsonObject config() {
      return new JsonObject().put("HISTORY_SERVICE_URL", "http://127.0.0.1:" + port());
    }

    @Override
    public Future<Void> close() {
      return server.close();
    }
  }

  @BeforeAll
  static void deploy() {
    vertx = fixture.vertx();
    history = fixture.companion(HistoryStub.class);
    service = new ServiceUnderTest(fixture);
  }

  /** Completes when the service reports that the history service acknowledged this user's deletion. */
  private static Future<String> delivery(String userId) {
    Promise<String> delivered = Promise.promise();
    MessageConsumer<String> consumer = vertx.eventBus().consumer(DeletionOutbox.DELIVERED, message -> {
      if (message.body().equals(userId)) {
        delivered.tryComplete(message.body());
      }
    });
    await(consumer.completion());
    return delivered.future().andThen(ar -> consumer.unregister());
  }

  private static void delete(JsonObject session) {
    assertThat(service.call(HttpMethod.DELETE, "/users/me", session.getString("accessToken"),
      new JsonObject().put("password", PASSWORD), null).statusCode()).isEqualTo(204);
  }

  private static Row outboxRow(String userId) {
    var rows = service.sql("SELECT attempts, last_error FROM account_deletion_outbox WHERE user_id = $1::uuid", userId);
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  @Test
  @DisplayName("A notice the history service first refuses is retried after the backoff and leaves the outbox once it answers 204")
  void retriesUntilAcknowledged() {
    JsonObject session = service.register(unique("del"));
    String id = session.getJsonObject("user").getString("id");
    history.script(id, 503, 204);
    Future<String> delivered = delivery(id);

    delete(session);

    assertThat(await(delivered)).isEqualTo(id);
    List<Call> calls = history.calls(id);
    assertThat(calls).hasSize(2);
    assertThat(calls).allSatisfy(call -> {
      assertThat(call.method()).isEqualTo("DELETE");
      assertThat(call.path()).isEqualTo("/internal/users/" + id);
      assertThat(call.credential()).isEqualTo(TestEnv.INTERNAL_TOKEN);
    });
    assertThat(calls).extracting(Call::status).containsExactly(503, 204);
    assertThat(calls.get(1).atMs() - calls.get(0).atMs()).isGreaterThanOrEqualTo(BACKOFF_MS - 50);
    assertThat(outboxRow(id)).isNull();
  }

  @Test
  @DisplayName("A 404 from the history service also settles the notice")
  void notFoundSettles() {
    JsonObject session = service.register(unique("del"));
    String id = session.getJsonObject("user").getString("id");
    history.script(id, 404);
    Future<String> delivered = delivery(id);

    delete(session);

    assertThat(await(delivered)).isEqualTo(id);
    assertThat(history.calls(id)).hasSize(1);
    assertThat(outboxRow(id)).isNull();
  }

  @Test
  @DisplayName("While the history service keeps failing, the notice stays in the outbox with its attempts and last error")
  void keepsFailedNotices() {
    JsonObject session = service.register(unique("del"));
    String id = session.getJsonObject("user").getString("id");
    history.script(id, 500, 500, 500, 500, 500, 500, 500, 500);
    Future<Void> secondCall = history.calls(id, 2);

    delete(session);
    await(secondCall);

    // A round starts only after the previous round's failure is written, so the first error is stored by now.
    Row row = outboxRow(id);
    assertThat(row).isNotNull();
    assertThat(row.getInteger("attempts")).isGreaterThanOrEqualTo(2);
    assertThat(row.getString("last_error")).contains("500");
  }
}
