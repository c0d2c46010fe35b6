package peerprep.collab.live;

import io.vertx.core.Future;
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
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/** What happens when parts fail: a task dies, a connection is swept too early, the pub/sub link drops. */
@ExtendWith(VertxExtension.class)
class RecoveryTest {
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(2, new JsonObject()
    .put("COLLAB_ABANDON_GRACE_MS", 60_000).put("COLLAB_HEARTBEAT_MS", 100).put("COLLAB_SWEEP_MS", 50));
  private static CollabFixture stack;
  private static Redis redis;
  private static PresenceRepository presence;

  @BeforeAll
  static void start() {
    EmbeddedRedis.flushAll();
    stack = CollabFixture.of(service);
    redis = Redis.createClient(stack.vertx(), EmbeddedRedis.url());
    presence = new PresenceRepository(redis, 60_000, 60_000);
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static ChangeSet append(int docLength, String text) {
    JsonArray json = new JsonArray();
    if (docLength > 0) {
      json.add(docLength);
    }
    return ChangeSet.fromJson(json.add(new JsonArray().add(0).add(text)));
  }

  @Test
  @DisplayName("A connection whose task died (no more heartbeats) is swept and the partner sees it reconnecting")
  void deadTask(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.solo(ada, linus, 0).compose(s -> ghostOfDeadTask(s, linus)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.reconnecting().getJsonObject("user").getString("id")).isEqualTo(linus.id());
      assertThat(r.score()).as("the ghost is unregistered").isNull();
      ctx.completeNow();
    })));
  }

  private record Swept(JsonObject reconnecting, Response score) {
  }

  /** Linus's connection on a task that died: registered, never beaten, then swept. */
  private static Future<Swept> ghostOfDeadTask(Solo s, TestUser linus) {
    CollabClient a = s.a();
    Connection ghost = new Connection(s.id(), linus.id(), "ghost-of-a-dead-task");
    return presence.join(ghost)
      .compose(n -> a.await(0, f -> "joined".equals(f.getString("status"))))
      .compose(joined -> a.await(0, f -> "reconnecting".equals(f.getString("status"))))
      .compose(r -> score(ghost.member()).map(score -> new Swept(r, score)));
  }

  private static Future<Response> score(String member) {
    return redis.send(Request.cmd(Command.ZSCORE).arg("collab:conns").arg(member));
  }

  @Test
  @DisplayName("A live connection swept by mistake is registered again by its task's heartbeat")
  void sweptTooEarly(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 1).compose(p -> sweepLive(p, linus)).onComplete(ctx.succeeding(score -> ctx.verify(() -> {
      assertThat(score).as("registered again").isNotNull();
      ctx.completeNow();
    })));
  }

  /** Linus's live connection is swept; Ada sees him reconnecting, then joined again; his registration's score. */
  private static Future<Response> sweepLive(Pair p, TestUser linus) {
    CollabClient a = p.a();
    Future<String> member = redis.send(Request.cmd(Command.ZRANGE).arg("collab:conns").arg(0).arg(-1))
      .map(members -> members.stream().map(Object::toString).filter(m -> m.startsWith(p.id() + "|" + linus.id())).findFirst().orElseThrow());
    return member.compose(m -> a.await(0, CollabClient.presence(linus.id(), "joined")))
      .compose(first -> presence.leave(Connection.parse(member.result())).map(a.indexOf(first) + 1))
      .compose(mark -> a.await(mark, CollabClient.presence(linus.id(), "reconnecting")))
      .compose(r -> a.await(a.indexOf(r) + 1, CollabClient.presence(linus.id(), "joined")))
      .compose(j -> score(member.result()));
  }

  @Test
  @DisplayName("When the pub/sub link drops, the tasks reconnect and no update is missed")
  void pubSubDrops(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 1).compose(RecoveryTest::editAfterPubSubDrops).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.killed().toInteger()).isGreaterThanOrEqualTo(2);
      assertThat(r.pair().b().doc()).isEqualTo("one two");
      assertThat(r.pair().b().anomalies()).isEmpty();
      ctx.completeNow();
    })));
  }

  private record Dropped(Pair pair, Response killed) {
  }

  private static Future<Dropped> editAfterPubSubDrops(Pair p) {
    return redis.send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).compose(killed -> {
      p.a().edit(append(0, "one"));
      p.a().edit(append(3, " two"));
      return p.a().idle().compose(v -> p.b().reach(2)).map(v -> new Dropped(p, killed));
    });
  }
}
