package peerprep.collab.live;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.CollabVerticle;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.session.PresenceRepository;
import peerprep.collab.session.PresenceRepository.Connection;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.collab.support.CollabFixture.Pair;
import peerprep.collab.support.CollabFixture.Solo;
import peerprep.collab.support.EndedStream;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Language, cursors, presence and the end of sessions, on two instances with a short grace period. */
@ExtendWith(VertxExtension.class)
class SessionLifecycleTest {
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(2, new JsonObject()
    .put("COLLAB_ABANDON_GRACE_MS", 500).put("COLLAB_HEARTBEAT_MS", 100).put("COLLAB_SWEEP_MS", 50)
    .put("COLLAB_RETRY_BASE_MS", 50).put("COLLAB_RETRY_MAX_MS", 400).put("COLLAB_FINALIZE_LEASE_MS", 5_000));
  private static CollabFixture stack;
  private static Vertx vertx;
  private static Redis redis;
  private static PresenceRepository presence;

  @BeforeAll
  static void start() {
    EmbeddedRedis.flushAll();
    stack = CollabFixture.of(service);
    vertx = stack.vertx();
    redis = Redis.createClient(vertx, EmbeddedRedis.url());
    presence = new PresenceRepository(redis, 500, 60_000);
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static Future<List<String>> endedStreamEntries(String sessionId) {
    return redis.send(Request.cmd(Command.XRANGE).arg(EndedStream.KEY).arg("-").arg("+")).map(r -> {
      List<String> out = new ArrayList<>();
      for (Response entry : r) {
        Response fields = entry.get(1);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
          if ("sessionId".equals(fields.get(i).toString()) && sessionId.equals(fields.get(i + 1).toString())) {
            out.add(entry.get(0).toString());
          }
        }
      }
      return out;
    });
  }

  /** Completes when the ended-sessions stream gets the session's entry (a blocking read, not a poll). */
  private static Future<JsonObject> finalized(String sessionId) {
    return EndedStream.entry(redis, sessionId, "0").compose(v -> stack.internalSession(sessionId));
  }

  @Test
  @DisplayName("Either participant switches the language; both see it and it is stored")
  void language(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 1).compose(SessionLifecycleTest::switchToJavaAndBack).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      JsonObject seen = r.frames().resultAt(0);
      assertThat(seen.getString("language")).isEqualTo("java");
      assertThat(seen.getJsonObject("by").getString("username")).isEqualTo("linus");
      assertThat(r.frames().<JsonObject>resultAt(2).getString("code")).isEqualTo("bad-message");
      assertThat(r.session().getString("language")).isEqualTo("java");
      ctx.completeNow();
    })));
  }

  /** Frames awaited together and the session as stored after them. */
  private record Stored(CompositeFuture frames, JsonObject session) {
  }

  private static Future<Stored> switchToJavaAndBack(Pair p) {
    int markA = p.a().frameCount(), markB = p.b().frameCount();
    p.b().send(new JsonObject().put("type", "language").put("language", "java"));
    p.b().send(new JsonObject().put("type", "language").put("language", "brainfuck"));
    return Future.all(p.a().awaitType(markA, "language"), p.b().awaitType(markB, "language"), p.b().awaitType(markB, "error"))
      .compose(all -> stack.internalSession(p.id()).map(s -> new Stored(all, s)));
  }

  @Test
  @DisplayName("A cursor reaches the partner on the other instance and is not echoed to its sender")
  void cursor(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    JsonObject selection = new JsonObject().put("ranges", new JsonArray().add(new JsonObject().put("anchor", 0).put("head", 0))).put("main", 0);
    stack.pair(ada, 0, linus, 1).compose(p -> moveCursor(p, selection)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.frames().<JsonObject>resultAt(0).getJsonObject("user").getString("id")).isEqualTo(ada.id());
      assertThat(r.frames().<JsonObject>resultAt(0).getJsonObject("selection")).isEqualTo(selection);
      assertThat(r.sender().frames().subList(r.mark(), r.sender().frameCount())).noneMatch(f -> "cursor".equals(f.getString("type")));
      ctx.completeNow();
    })));
  }

  private record Moved(CompositeFuture frames, CollabClient sender, int mark) {
  }

  /** The partner's cursor frame, and the sender's pong after it, which no cursor echo precedes. */
  private static Future<Moved> moveCursor(Pair p, JsonObject selection) {
    CollabClient a = p.a();
    int markA = a.frameCount();
    a.send(new JsonObject().put("type", "cursor").put("selection", selection));
    a.send(new JsonObject().put("type", "ping"));
    Future<JsonObject> cursor = p.b().awaitType(0, "cursor");
    return Future.all(cursor, cursor.compose(c -> a.awaitType(markA, "pong"))).map(all -> new Moved(all, a, markA));
  }

  @Test
  @DisplayName("The partner sees joined, then reconnecting when a socket closes, then left after the grace period")
  void presence(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 1).compose(p -> partnerLeaves(p, linus)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.frames().<JsonObject>resultAt(0).getJsonObject("user").getString("id")).isEqualTo(linus.id());
      assertThat(r.frames().<JsonObject>resultAt(1).getJsonObject("user").getString("username")).isEqualTo("linus");
      assertThat(r.session().getString("status")).isEqualTo("active");
      ctx.completeNow();
    })));
  }

  /** Ada's frames saying Linus is reconnecting and then gone, and the session after them. */
  private static Future<Stored> partnerLeaves(Pair p, TestUser linus) {
    CollabClient a = p.a();
    Future<JsonObject> reconnecting = a.await(0, f -> "presence".equals(f.getString("type")) && "joined".equals(f.getString("status"))
        && linus.id().equals(f.getJsonObject("user").getString("id")))
      .compose(joined -> p.b().close())
      .compose(v -> a.await(0, f -> "reconnecting".equals(f.getString("status"))));
    Future<JsonObject> left = reconnecting.compose(r -> a.await(0, f -> "left".equals(f.getString("status"))));
    return Future.all(reconnecting, left).compose(all -> stack.internalSession(p.id()).map(s -> new Stored(all, s)));
  }

  @Test
  @DisplayName("Ending tells both, closes with 4409, sends the attempt once and adds one stream entry; the ended session refuses new sockets")
  void endByParticipant(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 1).compose(p -> bothEnd(p, ada)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      CollabClient a = r.pair().a(), b = r.pair().b();
      String id = r.pair().id();
      assertThat(a.closeReason()).contains("ended");
      assertThat(a.frames()).anyMatch(f -> "ended".equals(f.getString("type")) && "ended-by-participant".equals(f.getString("reason")));
      assertThat(b.frames()).anyMatch(f -> "ended".equals(f.getString("type")));
      assertThat(r.entries()).hasSize(1);
      List<JsonObject> calls = stack.history().callsFor(id);
      assertThat(calls).hasSize(1);
      JsonObject attempt = calls.get(0);
      assertThat(attempt.getString("code")).isEqualTo("def f():\n  return 1");
      assertThat(attempt.getString("endReason")).isEqualTo("ended-by-participant");
      assertThat(attempt.getString("language")).isEqualTo("python");
      assertThat(attempt.getJsonArray("participants")).hasSize(2);
      JsonObject edit = attempt.getJsonArray("edits").getJsonObject(0);
      assertThat(edit.fieldNames()).containsExactlyInAnyOrder("v", "t", "user", "changes");
      assertThat(edit.getString("user")).isEqualTo(ada.id());
      assertThat(r.late().closed().result()).isEqualTo((short) 4409);
      assertThat(r.late().frames()).anyMatch(f -> "ended".equals(f.getString("type")));
      ctx.completeNow();
    })));
  }

  private record Ended(Pair pair, List<String> entries, CollabClient late) {
  }

  /** Both end the session after an edit; once it is finalized, a late socket of Ada's is refused. */
  private static Future<Ended> bothEnd(Pair p, TestUser ada) {
    p.a().edit(ChangeSet.fromJson(new JsonArray().add(new JsonArray().add(0).add("def f():").add("  return 1"))));
    return p.b().reach(1).compose(v -> {
      p.b().send(new JsonObject().put("type", "end"));
      p.a().send(new JsonObject().put("type", "end"));
      return Future.all(p.a().closed(), p.b().closed());
    }).compose(closed -> finalized(p.id())).compose(s -> endedStreamEntries(p.id()))
      .compose(entries -> lateSocket(p.id(), ada).map(late -> new Ended(p, entries, late)));
  }

  private static Future<CollabClient> lateSocket(String id, TestUser who) {
    CollabClient late = new CollabClient(vertx);
    return late.open(stack.port(0), id, who.token()).compose(x -> late.closed()).map(late);
  }

  @Test
  @DisplayName("When both stay away past the grace period the session is finalized once as abandoned, though two instances sweep")
  void abandoned(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 1).compose(SessionLifecycleTest::bothLeave).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.entries()).hasSize(1);
      assertThat(stack.history().callsFor(r.pair().id())).hasSize(1);
      JsonObject attempt = stack.history().stored(r.pair().id());
      assertThat(attempt.getString("endReason")).isEqualTo("abandoned");
      assertThat(attempt.getString("code")).isEqualTo("x = 1");
      ctx.completeNow();
    })));
  }

  private static Future<Ended> bothLeave(Pair p) {
    p.a().edit(ChangeSet.fromJson(new JsonArray().add(new JsonArray().add(0).add("x = 1"))));
    return p.b().reach(1).compose(v -> p.a().close()).compose(v -> p.b().close())
      .compose(v -> finalized(p.id()))
      .compose(s -> endedStreamEntries(p.id()))
      .map(entries -> new Ended(p, entries, null));
  }

  @Test
  @DisplayName("A socket registered by its task's heartbeat while its own join was on its way counts once: when it closes, the session is abandoned")
  void registeredTwice(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> joinedTwiceThenClosed(new Connection(id, ada.id(), "joining"), ctx))
      .onComplete(ctx.succeeding(id -> ctx.verify(() -> {
        assertThat(stack.history().stored(id).getString("endReason")).isEqualTo("abandoned");
        ctx.completeNow();
      })));
  }

  /**
   * The interleaving of a socket's attach with its task's heartbeat: the heartbeat finds the connection
   * missing and registers it, then the socket's own join arrives; the socket closes and nobody comes back.
   */
  private static Future<String> joinedTwiceThenClosed(Connection c, VertxTestContext ctx) {
    return presence.touch(List.of(c.member()), Map.of())
      .compose(lost -> presence.join(c).compose(first -> presence.join(c)).compose(second -> {
        ctx.verify(() -> {
          assertThat(lost).as("missing when the heartbeat ran").containsExactly(c.member());
          assertThat(second).as("the user's connections after the second registration").isEqualTo(1L);
        });
        return ctx.failed() ? Future.failedFuture("counted twice") : presence.leave(c);
      }))
      .compose(left -> finalized(c.sessionId()))
      .map(c.sessionId());
  }

  @Test
  @DisplayName("While the history service fails, the attempt waits in Redis and is retried until it is accepted")
  void retried(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.solo(ada, linus, 0).compose(s -> endWhileHistoryFails(s, ctx)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(stack.history().callsFor(r.id())).hasSize(4);
      assertThat(stack.history().stored(r.id())).isNotNull();
      assertThat(r.entries()).hasSize(1);
      ctx.completeNow();
    })));
  }

  private record Retried(String id, List<String> entries) {
  }

  private static Future<Retried> endWhileHistoryFails(Solo s, VertxTestContext ctx) {
    String id = s.id();
    stack.history().failNext(3);
    s.a().send(new JsonObject().put("type", "end"));
    return stack.history().awaitCalls(id, 2)
      .compose(two -> redis.send(Request.cmd(Command.ZSCORE).arg("collab:finalize").arg(id)))
      .compose(score -> {
        ctx.verify(() -> assertThat(score).as("still in the outbox after a failure").isNotNull());
        return finalized(id);
      })
      .compose(session -> endedStreamEntries(id))
      .map(entries -> new Retried(id, entries));
  }
}
