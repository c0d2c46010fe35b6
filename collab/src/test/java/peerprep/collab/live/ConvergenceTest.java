package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.CollabVerticle;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.collab.support.CollabFixture.Pair;
import peerprep.collab.support.Typist;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances on one Redis, two editors on different instances typing at once. */
@ExtendWith(VertxExtension.class)
class ConvergenceTest {
  private static final int EDITS = 80;
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(2, new JsonObject()
    .put("COLLAB_MAX_MSGS_PER_SEC", 2000).put("COLLAB_ABANDON_GRACE_MS", 60_000));
  private static CollabFixture stack;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    EmbeddedRedis.flushAll();
    stack = CollabFixture.of(service);
    vertx = stack.vertx();
  }

  /** Both idle and at the server's version; then their texts, the server's and the version are compared. */
  private static Future<JsonObject> settle(CollabClient a, CollabClient b, TestUser user, String id) {
    return a.idle().compose(x -> b.idle()).compose(x -> stack.session(0, user, id))
      .compose(s -> a.reach(s.getInteger("version")).compose(x -> b.reach(s.getInteger("version"))).map(s));
  }

  private static void assertConverged(CollabClient a, CollabClient b, JsonObject server) {
    assertThat(a.anomalies()).isEmpty();
    assertThat(b.anomalies()).isEmpty();
    assertThat(a.dropped() + b.dropped()).isZero();
    assertThat(a.doc()).isEqualTo(server.getString("text"));
    assertThat(b.doc()).isEqualTo(server.getString("text"));
    assertThat(server.getInteger("version")).isEqualTo(a.edits() + b.edits());
  }

  @Test
  @DisplayName("Two clients on different instances typing at random at once converge on the server's text")
  void converge(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 1).compose(p -> typeAtOnce(p, ada)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      CollabClient a = r.pair().a();
      assertConverged(a, r.pair().b(), r.server());
      assertThat(r.server().getInteger("version")).isEqualTo(2 * EDITS);
      assertThat(a.frames()).anyMatch(f -> "conflict".equals(f.getString("type")) || "updates".equals(f.getString("type")));
      ctx.completeNow();
    })));
  }

  private record Settled(Pair pair, JsonObject server) {
  }

  private static Future<Settled> typeAtOnce(Pair p, TestUser reader) {
    return Future.all(Typist.type(vertx, p.a(), 1, EDITS, 6, n -> { }), Typist.type(vertx, p.b(), 2, EDITS, 6, n -> { }))
      .compose(v -> settle(p.a(), p.b(), reader, p.id()))
      .map(server -> new Settled(p, server));
  }

  @Test
  @DisplayName("Stopping an instance mid-session loses no accepted edit; its client resumes on the other and a restart keeps the session")
  void instanceStops(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 1, linus, 0).compose(p -> stopMidSession(p, ada, ctx))
      .compose(settled -> {
        ctx.verify(() -> assertConverged(settled.pair().a(), settled.pair().b(), settled.server()));
        return stack.redeploy(1).compose(v -> joinRestarted(settled, linus));
      })
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.welcome().getInteger("version")).isEqualTo(r.server().getInteger("version"));
        assertThat(r.client().doc()).isEqualTo(r.server().getString("text"));
        ctx.completeNow();
      })));
  }

  /** Ada types on instance 1 and Linus on 0; instance 1 stops half-way, and Ada resumes on 0. */
  private static Future<Settled> stopMidSession(Pair p, TestUser ada, VertxTestContext ctx) {
    AtomicBoolean stopped = new AtomicBoolean();
    CollabClient a = p.a();
    Future<Void> resumed = a.closed().compose(code -> {
      ctx.verify(() -> assertThat(code).isEqualTo((short) 1001));
      return a.connectAndSync(stack.port(0), p.id(), ada.token(), false).mapEmpty();
    });
    Future<Void> typing = Future.all(
      Typist.type(vertx, a, 3, EDITS, 6, left -> {
        if (left == EDITS / 2 && stopped.compareAndSet(false, true)) {
          stack.undeploy(1);
        }
      }),
      Typist.type(vertx, p.b(), 4, EDITS, 6, n -> { })).mapEmpty();
    return Future.all(typing, resumed).compose(v -> settle(a, p.b(), ada, p.id())).map(server -> new Settled(p, server));
  }

  private record Rejoined(CollabClient client, JsonObject welcome, JsonObject server) {
  }

  private static Future<Rejoined> joinRestarted(Settled settled, TestUser linus) {
    CollabClient again = new CollabClient(vertx);
    return again.connectAndSync(stack.port(1), settled.pair().id(), linus.token(), true)
      .map(w -> new Rejoined(again, w, settled.server()));
  }
}
