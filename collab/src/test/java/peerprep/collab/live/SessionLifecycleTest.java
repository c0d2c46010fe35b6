package peerprep.collab.live;

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
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.collab.support.EndedStream;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.List;

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

  @BeforeAll
  static void start() {
    EmbeddedRedis.flushAll();
    stack = CollabFixture.of(service);
    vertx = stack.vertx();
    redis = Redis.createClient(vertx, EmbeddedRedis.url());
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
    stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id).compose(a -> stack.join(1, linus, id).compose(b -> {
      int markA = a.frameCount(), markB = b.frameCount();
      b.send(new JsonObject().put("type", "language").put("language", "java"));
      b.send(new JsonObject().put("type", "language").put("language", "brainfuck"));
      return Future.all(a.awaitType(markA, "language"), b.awaitType(markB, "language"), b.awaitType(markB, "error"))
        .compose(all -> stack.internalSession(id).map(s -> {
          ctx.verify(() -> {
            JsonObject seen = all.resultAt(0);
            assertThat(seen.getString("language")).isEqualTo("java");
            assertThat(seen.getJsonObject("by").getString("username")).isEqualTo("linus");
            assertThat(all.<JsonObject>resultAt(2).getString("code")).isEqualTo("bad-message");
            assertThat(s.getString("language")).isEqualTo("java");
          });
          return s;
        }));
    }))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("A cursor reaches the partner on the other instance and is not echoed to its sender")
  void cursor(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id).compose(a -> stack.join(1, linus, id).compose(b -> {
      int markA = a.frameCount();
      JsonObject selection = new JsonObject().put("ranges", new JsonArray().add(new JsonObject().put("anchor", 0).put("head", 0))).put("main", 0);
      a.send(new JsonObject().put("type", "cursor").put("selection", selection));
      a.send(new JsonObject().put("type", "ping"));
      return b.awaitType(0, "cursor").compose(c -> a.awaitType(markA, "pong").map(p -> {
        ctx.verify(() -> {
          assertThat(c.getJsonObject("user").getString("id")).isEqualTo(ada.id());
          assertThat(c.getJsonObject("selection")).isEqualTo(selection);
          assertThat(a.frames().subList(markA, a.frameCount())).noneMatch(f -> "cursor".equals(f.getString("type")));
        });
        return c;
      }));
    }))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("The partner sees joined, then reconnecting when a socket closes, then left after the grace period")
  void presence(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id).compose(a -> stack.join(1, linus, id)
      .compose(b -> a.await(0, f -> "presence".equals(f.getString("type")) && "joined".equals(f.getString("status"))
          && linus.id().equals(f.getJsonObject("user").getString("id")))
        .compose(joined -> b.close())
        .compose(v -> a.await(0, f -> "reconnecting".equals(f.getString("status"))))
        .compose(reconnecting -> a.await(0, f -> "left".equals(f.getString("status")))
          .compose(left -> stack.internalSession(id).map(s -> {
            ctx.verify(() -> {
              assertThat(reconnecting.getJsonObject("user").getString("id")).isEqualTo(linus.id());
              assertThat(left.getJsonObject("user").getString("username")).isEqualTo("linus");
              assertThat(s.getString("status")).isEqualTo("active");
            });
            return s;
          }))))))
      .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("Ending tells both, closes with 4409, sends the attempt once and adds one stream entry; the ended session refuses new sockets")
  void endByParticipant(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id).compose(a -> stack.join(1, linus, id).compose(b -> {
      a.edit(ChangeSet.fromJson(new JsonArray().add(new JsonArray().add(0).add("def f():").add("  return 1"))));
      return b.reach(1).compose(v -> {
        b.send(new JsonObject().put("type", "end"));
        a.send(new JsonObject().put("type", "end"));
        return Future.all(a.closed(), b.closed());
      }).compose(closed -> finalized(id)).compose(s -> endedStreamEntries(id)).compose(entries -> {
        CollabClient late = new CollabClient(vertx);
        return late.open(stack.port(0), id, ada.token()).compose(x -> late.closed()).map(code -> {
          ctx.verify(() -> {
            assertThat(a.closeReason()).contains("ended");
            assertThat(a.frames()).anyMatch(f -> "ended".equals(f.getString("type")) && "ended-by-participant".equals(f.getString("reason")));
            assertThat(b.frames()).anyMatch(f -> "ended".equals(f.getString("type")));
            assertThat(entries).hasSize(1);
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
            assertThat(code).isEqualTo((short) 4409);
            assertThat(late.frames()).anyMatch(f -> "ended".equals(f.getString("type")));
          });
          return code;
        });
      });
    }))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("When both stay away past the grace period the session is finalized once as abandoned, though two instances sweep")
  void abandoned(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id).compose(a -> stack.join(1, linus, id).compose(b -> {
      a.edit(ChangeSet.fromJson(new JsonArray().add(new JsonArray().add(0).add("x = 1"))));
      return b.reach(1).compose(v -> a.close()).compose(v -> b.close())
        .compose(v -> finalized(id))
        .compose(s -> endedStreamEntries(id).map(entries -> {
          ctx.verify(() -> {
            assertThat(entries).hasSize(1);
            assertThat(stack.history().callsFor(id)).hasSize(1);
            JsonObject attempt = stack.history().stored(id);
            assertThat(attempt.getString("endReason")).isEqualTo("abandoned");
            assertThat(attempt.getString("code")).isEqualTo("x = 1");
          });
          return entries;
        }));
    }))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("While the history service fails, the attempt waits in Redis and is retried until it is accepted")
  void retried(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id).compose(a -> {
      stack.history().failNext(3);
      a.send(new JsonObject().put("type", "end"));
      return stack.history().awaitCalls(id, 2)
        .compose(two -> redis.send(Request.cmd(Command.ZSCORE).arg("collab:finalize").arg(id)).map(score -> {
          ctx.verify(() -> assertThat(score).as("still in the outbox after a failure").isNotNull());
          return two;
        }))
        .compose(two -> finalized(id))
        .compose(s -> endedStreamEntries(id).map(entries -> {
          ctx.verify(() -> {
            assertThat(stack.history().callsFor(id)).hasSize(4);
            assertThat(stack.history().stored(id)).isNotNull();
            assertThat(entries).hasSize(1);
          });
          return entries;
        }));
    })).onComplete(ctx.succeedingThenComplete());
  }
}
