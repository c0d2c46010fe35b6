package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.user.ServiceUnderTest.await;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("A sign-in whose password was checked before a change to the account commits")
class SignInRaceTest {
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture();
  private static ServiceUnderTest service;
  private static TokenRepository tokens;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
    tokens = new TokenRepository(service.pool());
  }

  private record Account(UUID id, String passwordHash) {
  }

  private static Account account(String username) {
    var row = service.sql("SELECT id, password_hash FROM users WHERE username = $1", username).iterator().next();
    return new Account(row.getUUID("id"), row.getString("password_hash"));
  }

  private static long liveTokens(UUID id) {
    return service.sql("SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL", id)
      .iterator().next().getLong(0);
  }

  private static Future<Boolean> signIn(Account account) {
    return tokens.insertIfUnchanged(account.id(), account.passwordHash(), UUID.randomUUID(),
      Tokens.hash(Tokens.newRefreshToken()), 3600);
  }

  @Test
  @DisplayName("is refused once the password has changed, and once the account is disabled")
  void refusedAfterTheChange() {
    String username = unique("stale");
    service.register(username);
    Account before = account(username);
    await(new UserRepository(service.pool()).changePassword(before.id(), "another-hash"));

    assertThat(await(signIn(before))).isFalse();
    assertThat(await(signIn(new Account(before.id(), "another-hash")))).isTrue();
    service.sql("UPDATE users SET disabled = true WHERE id = $1", before.id());
    assertThat(await(signIn(new Account(before.id(), "another-hash")))).isFalse();
  }

  /**
   * Sign-ins checked against the old password race a change that ends every sign-in; whichever commits
   * first, no sign-in made with the old password is left live, and none fails with an error.
   */
  private static void race(String prefix, Function<UUID, Future<?>> change) {
    for (int round = 0; round < 20; round++) {
      String username = unique(prefix);
      service.register(username);
      Account old = account(username);
      List<Future<?>> racing = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        racing.add(signIn(old));
      }
      racing.add(2, change.apply(old.id()));

      List<Throwable> failures = await(Future.all(racing.stream()
        .map(call -> call.<Throwable>transform(done -> Future.succeededFuture(done.cause())))
        .toList())).list();

      assertThat(failures).as("round %d", round).containsOnlyNulls();
      assertThat(liveTokens(old.id())).as("live tokens after round %d", round).isZero();
    }
  }

  @Test
  @DisplayName("racing a password change, never outlives it")
  void racingPasswordChange() {
    UserRepository users = new UserRepository(service.pool());
    race("pwsign", id -> users.changePassword(id, "changed-hash"));
  }

  @Test
  @DisplayName("racing an admin disabling the account, never outlives it")
  void racingDisable() {
    AdminRepository admin = new AdminRepository(service.pool());
    race("offsign", id -> admin.update(id, new AdminChanges(null, true)));
  }

  @Test
  @DisplayName("through the API: a password change answers a working pair, and the old password is refused")
  void passwordChangeThroughTheApi() {
    String username = unique("api");
    JsonObject registered = service.register(username);
    HttpResponse<Buffer> changed = service.call(io.vertx.core.http.HttpMethod.PUT, "/users/me/password",
      registered.getString("accessToken"),
      new JsonObject().put("currentPassword", ServiceUnderTest.PASSWORD).put("newPassword", "Brand-new-secret-77"), null);

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(service.post("/auth/refresh", new JsonObject().put("refreshToken", changed.bodyAsJsonObject().getString("refreshToken")))
      .statusCode()).isEqualTo(200);
    assertThat(service.login(username, ServiceUnderTest.PASSWORD).statusCode()).isEqualTo(401);
    assertThat(service.login(username, "Brand-new-secret-77").statusCode()).isEqualTo(200);
  }
}
