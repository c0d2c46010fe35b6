package peerprep.user;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.user.ServiceUnderTest.PASSWORD;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("POST /auth/login, /auth/refresh and /auth/logout")
class SessionRoutesTest {
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture().flushingRedis();
  private static ServiceUnderTest service;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
  }

  private static HttpResponse<Buffer> refresh(String token) {
    return service.post("/auth/refresh", new JsonObject().put("refreshToken", token));
  }

  /** Moves the token's replacement back past the reuse grace, as if the reuse came a minute later. */
  private static void pastGrace(String token) {
    service.sql("UPDATE refresh_tokens SET replaced_at = now() - interval '1 minute' WHERE token_hash = $1", Tokens.hash(token));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String detailFragment) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(detailFragment);
  }

  @Test
  @DisplayName("Logging in by username answers 200 with the user and a working token pair")
  void loginByUsername() {
    String name = unique("kat");
    service.register(name);

    HttpResponse<Buffer> response = service.login(name, PASSWORD);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getJsonObject("user").getString("username")).isEqualTo(name);
    assertThat(service.get("/users/me", body.getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(refresh(body.getString("refreshToken")).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Logging in by email works in any letter case, and so does the username")
  void loginByEmailAnyCase() {
    String name = unique("Mae");
    service.register(name);

    assertThat(service.login(name.toUpperCase() + "@Example.COM", PASSWORD).statusCode()).isEqualTo(200);
    assertThat(service.login(name.toLowerCase(), PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("A wrong password and an unknown account get the same 401 'Invalid credentials.'")
  void invalidCredentials() {
    String name = unique("ida");
    service.register(name);

    HttpResponse<Buffer> wrong = service.login(name, "Wrong-password-1");
    HttpResponse<Buffer> unknown = service.login(unique("nobody"), PASSWORD);
    HttpResponse<Buffer> unknownEmail = service.login(unique("nobody") + "@example.com", PASSWORD);

    for (HttpResponse<Buffer> response : java.util.List.of(wrong, unknown, unknownEmail)) {
      assertProblem(response, 401, "Invalid credentials.");
      assertThat(response.bodyAsJsonObject().copy().put("instance", "")).isEqualTo(wrong.bodyAsJsonObject().copy().put("instance", ""));
    }
  }

  @Test
  @DisplayName("A login without a password, with a number as identifier, or with malformed JSON is a 400")
  void badLoginBodies() {
    assertProblem(service.post("/auth/login", new JsonObject().put("identifier", "someone")), 400, "'password' is required");
    assertProblem(service.post("/auth/login", new JsonObject().put("identifier", 7).put("password", PASSWORD)), 400,
      "'identifier' must be a string");
    assertProblem(service.post("/auth/login", "[1, 2]"), 400, "must be a JSON object");
    assertProblem(service.post("/auth/login", "{identifier:"), 400, "not valid JSON");
  }

  @Test
  @DisplayName("Refreshing answers a new token pair and marks the presented token as replaced")
  void refreshRotates() {
    JsonObject session = service.register(unique("rot"));
    String first = session.getString("refreshToken");

    HttpResponse<Buffer> response = refresh(first);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    String second = response.bodyAsJsonObject().getString("refreshToken");
    assertThat(second).isNotEqualTo(first);
    assertThat(service.get("/users/me", response.bodyAsJsonObject().getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(service.sql("SELECT replaced_at IS NOT NULL FROM refresh_tokens WHERE token_hash = $1", Tokens.hash(first))
      .iterator().next().getBoolean(0)).isTrue();
  }

  @Test
  @DisplayName("Presenting a rotated refresh token again after the grace is a 401 and revokes its whole family, the newest token too")
  void reuseRevokesFamily() {
    JsonObject session = service.register(unique("thief"));
    String first = session.getString("refreshToken");
    String second = refresh(first).bodyAsJsonObject().getString("refreshToken");
    pastGrace(first);

    HttpResponse<Buffer> reuse = refresh(first);

    assertProblem(reuse, 401, "already used");
    assertProblem(refresh(second), 401, "not valid");
  }

  @Test
  @DisplayName("Reuse detection revokes only the affected sign-in, not the account's other sessions")
  void reuseKeepsOtherSessions() {
    String name = unique("two");
    String first = service.register(name).getString("refreshToken");
    String other = service.login(name, PASSWORD).bodyAsJsonObject().getString("refreshToken");
    refresh(first);
    pastGrace(first);

    assertThat(refresh(first).statusCode()).isEqualTo(401);
    assertThat(refresh(other).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("An unknown refresh token is a 401, and a missing one a 400")
  void refreshUnknown() {
    assertProblem(refresh(Tokens.newRefreshToken()), 401, "not valid");
    assertProblem(service.post("/auth/refresh", new JsonObject()), 400, "'refreshToken' is required");
    assertProblem(service.post("/auth/refresh", new JsonObject().put("refreshToken", true)), 400, "must be a string");
  }

  @Test
  @DisplayName("An expired refresh token is a 401")
  void refreshExpired() {
    String token = service.register(unique("old")).getString("refreshToken");
    service.sql("UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1", Tokens.hash(token));

    assertProblem(refresh(token), 401, "expired");
  }

  @Test
  @DisplayName("A refresh token of a disabled account is refused even if it was never revoked, and its family is revoked")
  void refreshDisabled() {
    JsonObject session = service.register(unique("off"));
    String token = session.getString("refreshToken");
    service.sql("UPDATE users SET disabled = true WHERE id = $1::uuid", session.getJsonObject("user").getString("id"));

    assertProblem(refresh(token), 401, "disabled");
    assertThat(service.sql("SELECT revoked_at IS NOT NULL FROM refresh_tokens WHERE token_hash = $1", Tokens.hash(token))
      .iterator().next().getBoolean(0)).isTrue();
  }

  @Test
  @DisplayName("Logging out answers 204, ends that sign-in, and leaves the account's other sessions alone")
  void logout() {
    String name = unique("bye");
    String first = service.register(name).getString("refreshToken");
    String rotated = refresh(first).bodyAsJsonObject().getString("refreshToken");
    String other = service.login(name, PASSWORD).bodyAsJsonObject().getString("refreshToken");

    HttpResponse<Buffer> response = service.post("/auth/logout", new JsonObject().put("refreshToken", rotated));

    assertThat(response.statusCode()).isEqualTo(204);
    assertProblem(refresh(rotated), 401, "not valid");
    assertThat(refresh(other).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Logging out with an unknown token is still 204, and without a token a 400")
  void logoutFailures() {
    assertThat(service.post("/auth/logout", new JsonObject().put("refreshToken", Tokens.newRefreshToken())).statusCode()).isEqualTo(204);
    assertProblem(service.post("/auth/logout", new JsonObject()), 400, "'refreshToken' is required");
    assertProblem(service.post("/auth/logout", "not json"), 400, "not valid JSON");
  }
}
