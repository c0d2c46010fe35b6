package peerprep.collab;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.live.LoopbackWarmup;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.session.Keys;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The start-up warm-up: real pushes through the socket code that leave nothing behind")
class LoopbackWarmupTest {
  private static final int PUSHES = 200;
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(2,
    new JsonObject().put("COLLAB_WARMUP_PUSHES", PUSHES));
  private static CollabFixture stack;
  private static Redis redis;

  @BeforeAll
  static void start() {
    stack = CollabFixture.of(service);
    redis = Redis.createClient(stack.vertx(), EmbeddedRedis.url());
  }

  @Test
  @DisplayName("Each task's two warm-up editors had every push accepted and both hold every update, past the message rate")
  void everyPushAcceptedAndDelivered() {
    for (int i = 0; i < service.instanceCount(); i++) {
      LoopbackWarmup.Result result = service.verticle(i).warmup();
      assertThat(result).as("task %d", i).isNotNull();
      assertThat(result.accepted()).isEqualTo(2 * PUSHES);
      assertThat(result.version()).as("both editors hold every update")
        .isEqualTo(2 * PUSHES * LoopbackWarmup.UPDATES_PER_PUSH);
    }
  }

  @Test
  @DisplayName("No key or set entry of a warm-up session is left in Redis: the session, its log, its match, the users' lists, away, leaving, finalize, connections")
  void nothingLeftBehind() {
    for (int i = 0; i < service.instanceCount(); i++) {
      LoopbackWarmup.Result r = service.verticle(i).warmup();
      List<String> keys = new ArrayList<>(List.of(Keys.session(r.sessionId()), Keys.log(r.sessionId()),
        Keys.languages(r.sessionId()), Keys.match(r.matchId())));
      r.users().forEach(u -> keys.add(Keys.userSessions(u)));
      Request exists = Request.cmd(Command.EXISTS);
      keys.forEach(exists::arg);
      assertThat(send(exists).toInteger()).as("keys of %s", r.sessionId()).isZero();
      assertThat(send(Request.cmd(Command.ZSCORE).arg(Keys.AWAY).arg(r.sessionId()))).isNull();
      assertThat(send(Request.cmd(Command.ZSCORE).arg(Keys.FINALIZE).arg(r.sessionId()))).isNull();
      for (String set : List.of(Keys.LEAVING, Keys.CONNECTIONS)) {
        for (Response member : send(Request.cmd(Command.ZRANGE).arg(set).arg(0).arg(-1))) {
          assertThat(member.toString()).as(set).doesNotStartWith(r.sessionId() + "|");
        }
      }
    }
  }

  @Test
  @DisplayName("After the warm-up the tasks serve real editors as before")
  void servesAfterwards() throws Exception {
    TestUser ada = stack.user("ada");
    TestUser linus = stack.user("linus");
    CollabFixture.Pair pair = stack.pair(ada, 0, linus, 1).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    CollabClient a = pair.a();
    CollabClient b = pair.b();
    a.edit(ChangeSet.of(new int[] {0}, new String[] {"hello after warm-up"}));
    b.reach(1).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(b.doc()).isEqualTo("hello after warm-up");
  }

  private static Response send(Request request) {
    try {
      return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
