package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.CollabVerticle;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.SilentPeerProxy;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Peers that vanish or stop reading are noticed and released, with no close from them. */
@ExtendWith(VertxExtension.class)
class LivenessTest {
  private static final long INTERVAL_MS = 200;
  private static final long DEADLINE_MS = 800;
  private static final int FLOOD_CHARS = 50_000;
  /** Each test deploys its own instance with its own settings. */
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(0, new JsonObject());
  private static CollabFixture stack;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    stack = CollabFixture.of(service);
    vertx = stack.vertx();
  }

  /** One more instance on a fresh port with these settings; its index. */
  private static int deploy(JsonObject settings) {
    return service.deploy(new JsonObject().put("PORT", EmbeddedRedis.freePort()).mergeIn(settings));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  @DisplayName("A participant whose network vanished without a close is shown as gone (reconnecting) within the heartbeat deadline")
  void vanishedParticipantLeaves(VertxTestContext ctx) {
    int instance = deploy(new JsonObject().put("WS_PING_INTERVAL_MS", INTERVAL_MS).put("WS_PONG_DEADLINE_MS", DEADLINE_MS)
      .put("WS_CLOSE_GRACE_MS", 300));
    SilentPeerProxy.start(vertx, stack.port(instance))
      .compose(proxy -> vanishAndAwaitLeft(instance, proxy)
        .map(elapsed -> {
          assertThat(elapsed).isLessThan(DEADLINE_MS + INTERVAL_MS + 1_000);
          return null;
        })
        .eventually(proxy::close))
      .eventually(() -> stack.undeploy(instance))
      .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Long> vanishAndAwaitLeft(int instance, SilentPeerProxy proxy) {
    TestUser ann = stack.user("ann-vanish");
    TestUser bob = stack.user("bob-vanish");
    CollabClient annClient = new CollabClient(vertx);
    return stack.createSession(instance, ann, bob)
      .compose(id -> annClient.connectAndSync(proxy.port(), id, ann.token(), true)
        .compose(w -> stack.join(instance, bob, id)))
      .compose(bobClient -> {
        int from = bobClient.frameCount();
        long start = System.currentTimeMillis();
        proxy.vanish();
        return bobClient.await(from, CollabClient.presence(ann.id(), "reconnecting"))
          .map(f -> System.currentTimeMillis() - start);
      });
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("A participant that stops reading is shown as gone (reconnecting) as soon as its queue is full, and its connection is dropped")
  void stuckReaderIsReleased(VertxTestContext ctx) {
    int instance = deploy(new JsonObject().put("WS_CLOSE_GRACE_MS", 500).put("COLLAB_MAX_MSGS_PER_SEC", 10_000)
      .put("COLLAB_MAX_CHANGE_CHARS", 2 * FLOOD_CHARS).put("COLLAB_MAX_DOC_CHARS", 2 * FLOOD_CHARS)
      .put("COLLAB_MAX_LOG_BYTES", 500_000_000).put("COLLAB_MAX_EDITS", 100_000));
    SilentPeerProxy.start(vertx, stack.port(instance))
      .compose(proxy -> stopReadingAndFlood(instance, proxy)
        .compose(v -> {
          proxy.drain();
          return proxy.serverClosed().timeout(5, TimeUnit.SECONDS);
        })
        .eventually(proxy::close))
      .eventually(() -> stack.undeploy(instance))
      .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> stopReadingAndFlood(int instance, SilentPeerProxy proxy) {
    TestUser ann = stack.user("ann-stuck");
    TestUser bob = stack.user("bob-stuck");
    CollabClient annClient = new CollabClient(vertx);
    return stack.createSession(instance, ann, bob)
      .compose(id -> annClient.connectAndSync(proxy.port(), id, ann.token(), true)
        .compose(w -> stack.join(instance, bob, id)))
      .compose(bobClient -> {
        int from = bobClient.frameCount();
        proxy.stopReading();
        Future<JsonObject> left = bobClient.await(from, CollabClient.presence(ann.id(), "reconnecting"));
        return flood(bobClient, left, 0);
      });
  }

  /** Replaces the whole text with a large one, edit after edit, until the stuck reader is announced left. */
  private static Future<Void> flood(CollabClient writer, Future<JsonObject> left, int round) {
    if (left.isComplete()) {
      return left.mapEmpty();
    }
    if (round >= 1_000) {
      return Future.failedFuture("the stuck reader was never released");
    }
    String text = String.valueOf((char) ('a' + round % 26)).repeat(FLOOD_CHARS);
    writer.edit(ChangeSet.fromJson(new JsonArray().add(new JsonArray().add(writer.doc().length()).add(text))));
    return writer.idle().compose(v -> flood(writer, left, round + 1));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("A push whose text holds a NUL character gets an unstorable-text error frame and changes nothing")
  void nulPushIsRefused(VertxTestContext ctx) {
    int instance = deploy(new JsonObject());
    pushNul(instance).eventually(() -> stack.undeploy(instance))
      .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> pushNul(int instance) {
    TestUser ann = stack.user("ann-nul");
    TestUser bob = stack.user("bob-nul");
    return stack.createSession(instance, ann, bob)
      .compose(id -> stack.join(instance, ann, id).compose(client -> pushNulAndCheck(instance, ann, id, client)));
  }

  private static Future<Void> pushNulAndCheck(int instance, TestUser ann, String id, CollabClient client) {
    int from = client.frameCount();
    JsonArray changes = new JsonArray().add(new JsonArray().add(0).add("a\u0000b"));
    client.send(new JsonObject().put("type", "push").put("version", 0)
      .put("updates", new JsonArray().add(new JsonObject().put("clientID", "nul-client").put("changes", changes))));
    return client.await(from, f -> "error".equals(f.getString("type")))
      .compose(error -> {
        assertThat(error.getString("code")).isEqualTo("unstorable-text");
        assertThat(error.getString("message")).contains("changes");
        return stack.session(instance, ann, id);
      })
      .map(session -> {
        assertThat(session.getInteger("version")).isZero();
        assertThat(session.getString("text")).isEmpty();
        return null;
      });
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("An attempt the history service refuses with a 400 is dead-lettered whole, sent once and not retried")
  void refusedAttemptIsDeadLettered(VertxTestContext ctx) {
    int instance = deploy(new JsonObject().put("COLLAB_SWEEP_MS", 50).put("COLLAB_RETRY_BASE_MS", 50)
      .put("COLLAB_RETRY_MAX_MS", 200));
    Redis redis = Redis.createClient(vertx, EmbeddedRedis.url());
    endRefused(instance, redis).eventually(() -> stack.undeploy(instance))
      .eventually(redis::close)
      .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> endRefused(int instance, Redis redis) {
    TestUser ann = stack.user("ann-refused");
    TestUser bob = stack.user("bob-refused");
    return stack.createSession(instance, ann, bob).compose(id -> stack.join(instance, ann, id).compose(client -> {
      stack.history().refuseNext(1);
      client.send(new JsonObject().put("type", "end"));
      return redis.send(Request.cmd(Command.XREAD).arg("BLOCK").arg(10_000).arg("STREAMS")
          .arg("collab:dead-letters").arg("0"))
        .map(read -> {
          assertThat(read).as("a dead letter").isNotNull();
          assertThat(read.toString()).contains(id).contains("400").contains("\"code\"");
          assertThat(stack.history().callsFor(id)).hasSize(1);
          return null;
        });
    }));
  }
}
