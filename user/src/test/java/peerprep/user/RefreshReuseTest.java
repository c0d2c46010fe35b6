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

@DisplayName("POST /auth/refresh with a token that was already replaced")
class RefreshReuseTest {
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture();
  private static ServiceUnderTest service;
  private static ServiceUnderTest withoutGrace;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
    withoutGrace = service.secondTask(new JsonObject().put("REFRESH_REUSE_GRACE_SECONDS", 0));
  }

  private static HttpResponse<Buffer> refresh(ServiceUnderTest task, String token) {
    return task.post("/auth/refresh", new JsonObject().put("refreshToken", token));
  }

  private static String refreshed(String token) {
    HttpResponse<Buffer> response = refresh(service, token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("refreshToken");
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String detailFragment) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(detailFragment);
  }

  /** Tokens of the token's family that are neither replaced nor revoked. */
  private static List<String> liveHashes(String token) {
    List<String> hashes = new ArrayList<>();
    service.sql("SELECT token_hash FROM refresh_tokens WHERE replaced_at IS NULL AND revoked_at IS NULL "
        + "AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)", Tokens.hash(token))
      .forEach(row -> hashes.add(row.getString(0)));
    return hashes;
  }

  @Test
  @DisplayName("Presenting a token again right after it was replaced answers 200 with a new pair, and the sign-in stays alive")
  void reuseWithinGrace() {
    String first = service.register(unique("reload")).getString("refreshToken");
    String second = refreshed(first);

    HttpResponse<Buffer> reuse = refresh(service, first);

    assertThat(reuse.statusCode()).as(reuse.bodyAsString()).isEqualTo(200);
    assertThat(reuse.getHeader("Cache-Control")).isEqualTo("no-store");
    String third = reuse.bodyAsJsonObject().getString("refreshToken");
    assertThat(third).isNotIn(first, second);
    assertThat(service.get("/users/me", reuse.bodyAsJsonObject().getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(liveHashes(first)).containsExactly(Tokens.hash(third));
    assertThat(refresh(service, third).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("After a reuse within the grace, the token that was newest before it is a 401, and the family survives")
  void reuseRetiresTheNewestToken() {
    String first = service.register(unique("retire")).getString("refreshToken");
    String second = refreshed(first);
    String third = refreshed(first);

    assertProblem(refresh(service, second), 401, "not valid");
    assertThat(refresh(service, third).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("A reuse after the grace is a 401 and revokes the family, so the newest token fails too")
  void reuseAfterGrace() {
    String first = service.register(unique("late")).getString("refreshToken");
    String second = refreshed(first);
    service.sql("UPDATE refresh_tokens SET replaced_at = now() - interval '21 seconds' WHERE token_hash = $1", Tokens.hash(first));

    assertProblem(refresh(service, first), 401, "already used");
    assertProblem(refresh(service, second), 401, "not valid");
    assertThat(liveHashes(first)).isEmpty();
  }

  @Test
  @DisplayName("With REFRESH_REUSE_GRACE_SECONDS=0 any reuse is a 401 that revokes the family")
  void graceDisabled() {
    String first = withoutGrace.register(unique("strict")).getString("refreshToken");
    HttpResponse<Buffer> rotated = refresh(withoutGrace, first);
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
    String second = rotated.bodyAsJsonObject().getString("refreshToken");

    assertProblem(refresh(withoutGrace, first), 401, "already used");
    assertProblem(refresh(withoutGrace, second), 401, "not valid");
  }

  @Test
  @DisplayName("A token whose sign-in was logged out is a 401 even within the grace")
  void logoutEndsGrace() {
    String first = service.register(unique("leave")).getString("refreshToken");
    String second = refreshed(first);
    assertThat(service.post("/auth/logout", new JsonObject().put("refreshToken", second)).statusCode()).isEqualTo(204);

    assertProblem(refresh(service, first), 401, "not valid");
    assertThat(liveHashes(first)).isEmpty();
  }

  @Test
  @DisplayName("Two reuses of one token at once within the grace both answer a pair, and only one of the two tokens stays live")
  void concurrentReuses() {
    for (int round = 0; round < 5; round++) {
      String first = service.register(unique("twin")).getString("refreshToken");
      refreshed(first);
      JsonObject body = new JsonObject().put("refreshToken", first);

      List<HttpResponse<Buffer>> answers = await(Future.all(
        service.postAsync("/auth/refresh", body), service.postAsync("/auth/refresh", body))).list();

      List<String> issued = answers.stream().map(r -> {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getString("refreshToken");
      }).toList();
      List<String> live = liveHashes(first);
      assertThat(live).hasSize(1);
      String survivor = issued.stream().filter(t -> live.contains(Tokens.hash(t))).findFirst().orElseThrow();
      String retired = issued.stream().filter(t -> !t.equals(survivor)).findFirst().orElseThrow();
      assertProblem(refresh(service, retired), 401, "not valid");
      assertThat(refresh(service, survivor).statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("A reuse within the grace racing a refresh with the newest token leaves exactly one live token")
  void reuseRacingRotation() {
    for (int round = 0; round < 5; round++) {
      String first = service.register(unique("race")).getString("refreshToken");
      String second = refreshed(first);

      List<HttpResponse<Buffer>> answers = await(Future.all(
        service.postAsync("/auth/refresh", new JsonObject().put("refreshToken", first)),
        service.postAsync("/auth/refresh", new JsonObject().put("refreshToken", second)))).list();

      HttpResponse<Buffer> reuse = answers.get(0);
      assertThat(reuse.statusCode()).as(reuse.bodyAsString()).isEqualTo(200);
      assertThat(answers.get(1).statusCode()).isIn(200, 401);
      assertThat(liveHashes(first)).containsExactly(Tokens.hash(reuse.bodyAsJsonObject().getString("refreshToken")));
    }
  }

  /**
   * Races refreshes within the grace of several sign-ins of one account against a change to the account
   * that revokes its tokens, at the repository, so the two transactions overlap for real. Every refresh
   * either rotates or is refused; none fails, and the change always commits.
   */
  private static void raceAccountChange(String prefix, Function<UUID, Future<?>> change, boolean revokes) {
    TokenRepository tokens = new TokenRepository(service.pool());
    for (int round = 0; round < 20; round++) {
      String username = unique(prefix);
      List<String> replaced = new ArrayList<>();
      replaced.add(service.register(username).getString("refreshToken"));
      for (int signIn = 0; signIn < 3; signIn++) {
        replaced.add(service.login(username, ServiceUnderTest.PASSWORD).bodyAsJsonObject().getString("refreshToken"));
      }
      replaced.forEach(RefreshReuseTest::refreshed);
      UUID id = service.sql("SELECT id FROM users WHERE username = $1", username).iterator().next().getUUID(0);

      List<Future<?>> racing = new ArrayList<>();
      for (String token : replaced) {
        racing.add(tokens.rotate(Tokens.hash(token), Tokens.hash(Tokens.newRefreshToken()), 3600, 20));
      }
      racing.add(racing.size() / 2, change.apply(id));
      List<Throwable> failures = await(Future.all(racing.stream()
        .map(call -> call.<Throwable>transform(done -> Future.succeededFuture(done.cause())))
        .toList())).list();

      assertThat(failures).as("round %d", round).containsOnlyNulls();
      if (revokes) {
        assertThat(service.sql("SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL", id)
          .iterator().next().getLong(0)).as("live tokens after round %d", round).isZero();
      }
    }
  }

  @Test
  @DisplayName("A password change racing refreshes within the grace commits, ends every sign-in, and no refresh fails")
  void passwordChangeRacingReuses() {
    UserRepository users = new UserRepository(service.pool());
    raceAccountChange("pwrace", id -> users.changePassword(id, "not-a-real-hash"), true);
  }

  @Test
  @DisplayName("Disabling an account racing refreshes within the grace commits, ends every sign-in, and no refresh fails")
  void disableRacingReuses() {
    AdminRepository admin = new AdminRepository(service.pool());
    raceAccountChange("offrace", id -> admin.update(id, new AdminChanges(null, true)), true);
  }

  @Test
  @DisplayName("Deleting an account racing refreshes within the grace commits and no refresh fails")
  void deletionRacingReuses() {
    UserRepository users = new UserRepository(service.pool());
    raceAccountChange("delrace", users::delete, false);
  }
}
