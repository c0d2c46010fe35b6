package peerprep.matching;

import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Revocations;
import peerprep.common.auth.UserSockets;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.matching.Harness.await;

@DisplayName("Matching sockets: revocation closes them and one user holds a bounded number")
class MatchAccessTest {
  @RegisterExtension
  static final ServiceFixture<MatchingVerticle> SERVICE = Harness.fixture(2, new JsonObject().put("SOCKETS_PER_USER", 2));
  private static Harness harness;
  private static Revocations userService;

  @BeforeAll
  static void start() {
    harness = Harness.over(SERVICE);
    userService = await(new Revocations(harness.vertx, Redis.createClient(harness.vertx, EmbeddedRedis.url()),
      Redis.createClient(harness.vertx, EmbeddedRedis.url())).start());
  }

  @AfterAll
  static void stop() {
    await(userService.close());
  }

  @Test
  @DisplayName("Revoking a user's tokens closes their matching socket with 4401 and refuses their old token on REST and on a new socket")
  void revocation() {
    TestUser ada = harness.user("ada");
    WsClient socket = harness.connect(0, ada);
    assertThat(harness.call(1, io.vertx.core.http.HttpMethod.GET, "/match/stats", ada, null).statusCode()).isEqualTo(200);

    await(userService.revoke(ada.id()));

    assertThat(await(socket.closed())).isEqualTo(UserSockets.REVOKED);
    assertThat(harness.call(1, io.vertx.core.http.HttpMethod.GET, "/match/stats", ada, null).statusCode()).isEqualTo(401);
    assertThat(harness.connectFailure(1, ada.token())).isInstanceOfSatisfying(UpgradeRejectedException.class,
      e -> assertThat(e.getStatus()).isEqualTo(401));
  }

  @Test
  @DisplayName("A user with the most matching sockets allowed, over two tasks, is refused another with 429")
  void cap() {
    TestUser ada = harness.user("ada");
    WsClient first = harness.connect(0, ada);
    WsClient second = harness.connect(1, ada);
    assertThat(harness.connectFailure(0, ada.token())).isInstanceOfSatisfying(UpgradeRejectedException.class,
      e -> assertThat(e.getStatus()).isEqualTo(429));
    await(first.close());
    await(second.close());
  }
}
