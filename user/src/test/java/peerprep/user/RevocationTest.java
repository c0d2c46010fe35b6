package peerprep.user;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.InvalidTokenException;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.Revocations;
import peerprep.common.config.Settings;
import peerprep.common.redis.Redises;
import peerprep.common.testing.ServiceFixture;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static peerprep.user.ServiceUnderTest.PASSWORD;
import static peerprep.user.ServiceUnderTest.await;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("Disabling, deleting and changing the password revoke the account's access tokens everywhere")
class RevocationTest {
  private static final String ADMIN = "revoking-admin";
  private static final String ADMIN_PASSWORD = "Admin-secret-123";
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture()
    .config("ADMIN_USERNAME", ADMIN).config("ADMIN_EMAIL", "revoker@peerprep.example").config("SECRET_ADMIN_PASSWORD", ADMIN_PASSWORD);
  private static ServiceUnderTest service;
  private static Revocations elsewhere;
  private static JwksVerifier otherService;

  @BeforeAll
  static void deploy() {
    Vertx vertx = fixture.vertx();
    service = new ServiceUnderTest(fixture);
    Settings settings = new Settings(service.config);
    elsewhere = await(new Revocations(vertx, Redises.client(vertx, settings), Redises.client(vertx, settings)).start());
    WebClient client = WebClient.create(vertx);
    otherService = new JwksVerifier(vertx, () -> client.get(service.port, "127.0.0.1", "/.well-known/jwks.json").send()
      .map(HttpResponse::bodyAsJsonObject), 60_000).revokedBy(elsewhere);
  }

  @AfterAll
  static void stop() {
    await(elsewhere.close());
  }

  /** Completes with the account id when the other service hears of its revocation. */
  private static Promise<String> heard(String userId) {
    Promise<String> heard = Promise.promise();
    elsewhere.onRevoked(id -> {
      if (id.equals(userId)) {
        heard.tryComplete(id);
      }
    });
    return heard;
  }

  @Test
  @DisplayName("An admin disabling a user makes another service refuse the user's token within seconds")
  void disable() throws Exception {
    JsonObject session = service.register(unique("dis"));
    String token = session.getString("accessToken");
    String userId = session.getJsonObject("user").getString("id");
    assertThat(await(otherService.verify(token)).id()).isEqualTo(userId);
    String adminToken = service.login(ADMIN, ADMIN_PASSWORD).bodyAsJsonObject().getString("accessToken");
    Promise<String> heard = heard(userId);

    HttpResponse<Buffer> disabled = service.call(HttpMethod.PATCH, "/admin/users/" + userId, adminToken,
      new JsonObject().put("disabled", true), null);
    assertThat(disabled.statusCode()).as(disabled.bodyAsString()).isEqualTo(200);

    assertThat(heard.future().await(5, TimeUnit.SECONDS)).isEqualTo(userId);
    assertThatThrownBy(() -> await(otherService.verify(token)))
      .isInstanceOf(InvalidTokenException.class).hasMessageContaining("revoked");
  }

  @Test
  @DisplayName("After a password change the old access token gets 401 here and elsewhere, and the new one works")
  void passwordChange() throws Exception {
    JsonObject session = service.register(unique("pwd"));
    String old = session.getString("accessToken");
    String userId = session.getJsonObject("user").getString("id");
    Promise<String> heard = heard(userId);

    HttpResponse<Buffer> changed = service.call(HttpMethod.PUT, "/users/me/password", old,
      new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "Brand-new-pass-77"), null);
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    String fresh = changed.bodyAsJsonObject().getString("accessToken");

    assertThat(heard.future().await(5, TimeUnit.SECONDS)).isEqualTo(userId);
    HttpResponse<Buffer> refused = service.get("/users/me", old);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("revoked");
    assertThatThrownBy(() -> await(otherService.verify(old))).isInstanceOf(InvalidTokenException.class);
    assertThat(service.get("/users/me", fresh).statusCode()).isEqualTo(200);
    assertThat(await(otherService.verify(fresh)).id()).isEqualTo(userId);
  }

  @Test
  @DisplayName("Deleting one's account makes another service refuse its token within seconds")
  void delete() throws Exception {
    JsonObject session = service.register(unique("del"));
    String token = session.getString("accessToken");
    String userId = session.getJsonObject("user").getString("id");
    Promise<String> heard = heard(userId);

    HttpResponse<Buffer> deleted = service.call(HttpMethod.DELETE, "/users/me", token, new JsonObject().put("password", PASSWORD), null);
    assertThat(deleted.statusCode()).as(deleted.bodyAsString()).isEqualTo(204);

    assertThat(heard.future().await(5, TimeUnit.SECONDS)).isEqualTo(userId);
    assertThatThrownBy(() -> await(otherService.verify(token))).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  @DisplayName("A 35-character user id on the admin route is a 400 with a detail, never read as another id")
  void shortId() {
    String adminToken = service.login(ADMIN, ADMIN_PASSWORD).bodyAsJsonObject().getString("accessToken");
    String userId = service.register(unique("short")).getJsonObject("user").getString("id");
    String short35 = userId.substring(1);
    String lenient = "0" + userId.substring(2);
    for (String id : new String[]{short35, lenient}) {
      HttpResponse<Buffer> r = service.get("/admin/users/" + id, adminToken);
      assertThat(r.statusCode()).as(id).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("not a valid id");
    }
  }
}
