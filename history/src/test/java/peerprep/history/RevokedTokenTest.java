package peerprep.history;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Revocations;
import peerprep.common.testing.TestAuth;
import peerprep.testkit.EmbeddedRedis;
import peerprep.common.testing.ServiceFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.history.HistoryService.await;

class RevokedTokenTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static HistoryService service;
  private static Revocations userService;

  @BeforeAll
  static void start() {
    Vertx vertx = fixture.vertx();
    service = new HistoryService(fixture);
    userService = await(new Revocations(vertx, Redis.createClient(vertx, EmbeddedRedis.url()),
      Redis.createClient(vertx, EmbeddedRedis.url())).start());
  }

  @AfterAll
  static void stop() {
    await(userService.close());
  }

  @Test
  @DisplayName("A token issued before its account's revocation gets 401 on the history routes; a token issued after reads again")
  void revoked() {
    TestAuth.TestUser ada = service.auth.user("ada");
    assertThat(await(service.as(ada, "/attempts").send()).statusCode()).isEqualTo(200);

    await(userService.revoke(ada.id()));

    HttpResponse<Buffer> refused = await(service.as(ada, "/stats/me").send());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("revoked");
    TestAuth.TestUser again = new TestAuth.TestUser(ada.id(), "ada", service.auth.token(ada.id(), "ada"));
    assertThat(await(service.as(again, "/attempts").send()).statusCode()).isEqualTo(200);
  }
}
