package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.CollabVerticle;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.common.auth.Revocations;
import peerprep.common.auth.UserSockets;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may hold a collaboration socket: revoked tokens lose theirs at once, and one user holds a bounded number. */
class AccessTest {
  private static final int CAP = 2;
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(2, new JsonObject().put("SOCKETS_PER_USER", CAP));
  private static CollabFixture stack;
  private static Revocations userService;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    stack = CollabFixture.of(service);
    vertx = stack.vertx();
    userService = new Revocations(vertx, Redis.createClient(vertx, EmbeddedRedis.url()), Redis.createClient(vertx, EmbeddedRedis.url()))
      .start().await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    userService.close().await(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Revoking a user's tokens closes their collaboration socket with 4401 and the reason; the document is unchanged and the old token cannot reconnect")
  void revocationClosesSocket() throws Exception {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    String id = await(stack.createSession(ada, linus));
    CollabClient a = await(stack.join(0, ada, id));
    CollabClient b = await(stack.join(1, linus, id));

    await(userService.revoke(ada.id()));

    assertThat(await(a.closed())).isEqualTo(UserSockets.REVOKED);
    assertThat(a.closeReason()).isEqualTo(UserSockets.REVOKED_REASON);
    assertThat(await(stack.session(1, linus, id)).getInteger("version")).isZero();
    assertThatThrownBy(() -> await(new CollabClient(vertx).open(stack.port(1), id, ada.token())))
      .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
    await(b.close());
  }

  @Test
  @DisplayName("A user holding the most collaboration sockets allowed, over two tasks, is refused another with 429")
  void socketCap() throws Exception {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    String id = await(stack.createSession(ada, linus));
    CollabClient first = await(stack.join(0, ada, id));
    CollabClient second = await(stack.join(1, ada, id));

    assertThatThrownBy(() -> await(new CollabClient(vertx).open(stack.port(0), id, ada.token())))
      .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(429));
    await(first.close());
    await(second.close());
  }
}
