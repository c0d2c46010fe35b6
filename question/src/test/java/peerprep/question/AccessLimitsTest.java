package peerprep.question;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.Revocations;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth;
import peerprep.testkit.EmbeddedRedis;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.question.TestService.await;

@DisplayName("Revoked tokens, the per-user read limit and canonical ids on the question service")
class AccessLimitsTest {
  private static final int READS = 5;
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture().config("READS_PER_MINUTE", READS);
  private static TestService service;
  private static Revocations userService;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
    Vertx vertx = fixture.vertx();
    userService = await(new Revocations(vertx, Redis.createClient(vertx, EmbeddedRedis.url()),
      Redis.createClient(vertx, EmbeddedRedis.url())).start());
  }

  @AfterAll
  static void stop() {
    await(userService.close());
  }

  @Test
  @DisplayName("A token issued before its account's revocation gets 401 with a detail, while another user's token still reads")
  void revokedToken() {
    TestAuth.TestUser ada = service.auth.user("ada");
    TestAuth.TestUser linus = service.auth.user("linus");
    assertThat(service.get("/topics", ada).statusCode()).isEqualTo(200);

    await(userService.revoke(ada.id()));

    HttpResponse<Buffer> refused = service.get("/topics", ada);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("revoked");
    assertThat(service.get("/topics", linus).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Reads past the per-user limit get 429 with Retry-After; another user is not affected")
  void readLimit() {
    TestAuth.TestUser ada = service.auth.user("ada");
    for (int i = 0; i < READS; i++) {
      assertThat(service.get("/topics", ada).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> limited = service.get("/topics", ada);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, 60L);
    assertThat(limited.bodyAsJsonObject().getString("detail")).contains("reads a minute");
    assertThat(service.get("/topics", service.auth.user("linus")).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("A 35-character question id is a 400 with a detail, not read as a shortened UUID")
  void shortId() {
    String short35 = UUID.randomUUID().toString().substring(1);
    HttpResponse<Buffer> r = service.get("/questions/" + short35, service.auth.user("grace"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("not a valid id");
  }
}
