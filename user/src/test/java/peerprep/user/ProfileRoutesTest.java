package peerprep.user;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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

@DisplayName("/users/me: profile, password, deletion")
class ProfileRoutesTest {
  private static final String NEW_PASSWORD = "Another-secret-77";
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture().flushingRedis();
  private static ServiceUnderTest service;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    return service.call(method, path, token, body, null);
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String detailFragment) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(detailFragment);
  }

  @Test
  @DisplayName("GET /users/me answers the signed-in user's account, also under the public prefix")
  void showMe() {
    JsonObject session = service.register(unique("me"));

    HttpResponse<Buffer> response = service.get("/users/me", session.getString("accessToken"));
    HttpResponse<Buffer> prefixed = service.get("/user-service-api/users/me", session.getString("accessToken"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(session.getJsonObject("user"));
    assertThat(prefixed.bodyAsJsonObject()).isEqualTo(session.getJsonObject("user"));
  }

  @Test
  @DisplayName("GET /users/me without a token or with a garbled one is a 401")
  void showMeUnauthenticated() {
    assertProblem(service.get("/users/me", null), 401, "Authorization: Bearer");
    assertProblem(service.get("/users/me", "not.a.token"), 401, "malformed");
  }

  @Test
  @DisplayName("PATCH /users/me changes the display name and language, and a later GET shows them")
  void updateProfile() {
    String token = service.register(unique("edit")).getString("accessToken");

    HttpResponse<Buffer> response = call(HttpMethod.PATCH, "/users/me", token,
      new JsonObject().put("displayName", "  Grace Hopper ").put("preferredLanguage", "cpp"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("displayName")).isEqualTo("Grace Hopper");
    JsonObject shown = service.get("/users/me", token).bodyAsJsonObject();
    assertThat(shown.getString("displayName")).isEqualTo("Grace Hopper");
    assertThat(shown.getString("preferredLanguage")).isEqualTo("cpp");
  }

  @Test
  @DisplayName("PATCH /users/me leaves out fields as they are and clears fields sent as null")
  void partialUpdate() {
    String token = service.register(unique("part")).getString("accessToken");
    call(HttpMethod.PATCH, "/users/me", token, new JsonObject().put("displayName", "Edsger").put("preferredLanguage", "java"));

    HttpResponse<Buffer> response = call(HttpMethod.PATCH, "/users/me", token, new JsonObject().putNull("displayName"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("displayName")).isNull();
    assertThat(response.bodyAsJsonObject().getString("preferredLanguage")).isEqualTo("java");
  }

  @Test
  @DisplayName("PATCH /users/me refuses an unknown language, a role, an empty body, a wrong type and malformed JSON with 400s")
  void updateProfileFailures() {
    String token = service.register(unique("bad")).getString("accessToken");

    assertProblem(call(HttpMethod.PATCH, "/users/me", token, new JsonObject().put("preferredLanguage", "rust")), 400, "must be one of");
    assertProblem(call(HttpMethod.PATCH, "/users/me", token, new JsonObject().put("role", "admin")), 400, "'role' is not accepted here");
    assertProblem(call(HttpMethod.PATCH, "/users/me", token, new JsonObject()), 400, "at least one of");
    assertProblem(call(HttpMethod.PATCH, "/users/me", token, new JsonObject().put("displayName", 12)), 400, "must be a string");
    assertProblem(call(HttpMethod.PATCH, "/users/me", token, new JsonObject().put("displayName", "x".repeat(65))), 400, "at most 64");
    assertProblem(call(HttpMethod.PATCH, "/users/me", token, "{\"displayName\""), 400, "not valid JSON");
    assertProblem(call(HttpMethod.PATCH, "/users/me", null, new JsonObject().put("displayName", "x")), 401, "Bearer");
  }

  @Test
  @DisplayName("Changing the password answers a fresh pair, ends the other sessions, and only the new password signs in")
  void changePassword() {
    String name = unique("pw");
    JsonObject first = service.register(name);
    JsonObject other = service.login(name, PASSWORD).bodyAsJsonObject();

    HttpResponse<Buffer> response = call(HttpMethod.PUT, "/users/me/password", first.getString("accessToken"),
      new JsonObject().put("currentPassword", PASSWORD).put("newPassword", NEW_PASSWORD));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject fresh = response.bodyAsJsonObject();
    assertThat(service.post("/auth/refresh", new JsonObject().put("refreshToken", other.getString("refreshToken"))).statusCode()).isEqualTo(401);
    assertThat(service.post("/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken"))).statusCode()).isEqualTo(401);
    assertThat(service.post("/auth/refresh", new JsonObject().put("refreshToken", fresh.getString("refreshToken"))).statusCode()).isEqualTo(200);
    assertThat(service.login(name, PASSWORD).statusCode()).isEqualTo(401);
    assertThat(service.login(name, NEW_PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Changing the password with a wrong current password is a 403 and changes nothing")
  void changePasswordWrongCurrent() {
    String name = unique("pw");
    String token = service.register(name).getString("accessToken");

    assertProblem(call(HttpMethod.PUT, "/users/me/password", token,
      new JsonObject().put("currentPassword", "Not-my-password-1").put("newPassword", NEW_PASSWORD)), 403, "not correct");
    assertThat(service.login(name, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Changing the password to a weak one, the same one, or without fields is a 400")
  void changePasswordBadInput() {
    String name = unique("pw");
    String token = service.register(name).getString("accessToken");

    assertProblem(call(HttpMethod.PUT, "/users/me/password", token,
      new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "short")), 400, "at least 10");
    assertProblem(call(HttpMethod.PUT, "/users/me/password", token,
      new JsonObject().put("currentPassword", PASSWORD).put("newPassword", name)), 400, "not be your username");
    assertProblem(call(HttpMethod.PUT, "/users/me/password", token,
      new JsonObject().put("currentPassword", PASSWORD).put("newPassword", PASSWORD)), 400, "must differ");
    assertProblem(call(HttpMethod.PUT, "/users/me/password", token, new JsonObject().put("newPassword", NEW_PASSWORD)), 400,
      "'currentPassword' is required");
    assertThat(service.login(name, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Deleting my account answers 204, signs me out everywhere, frees my username and email, and queues the history notice")
  void deleteAccount() {
    String name = unique("gone");
    JsonObject session = service.register(name);
    String id = session.getJsonObject("user").getString("id");

    HttpResponse<Buffer> response = call(HttpMethod.DELETE, "/users/me", session.getString("accessToken"),
      new JsonObject().put("password", PASSWORD));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(204);
    assertProblem(service.get("/users/me", session.getString("accessToken")), 401, "revoked");
    assertThat(service.post("/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken"))).statusCode()).isEqualTo(401);
    assertProblem(service.login(name, PASSWORD), 401, "Invalid credentials.");
    assertThat(service.sql("SELECT count(*) FROM account_deletion_outbox WHERE user_id = $1::uuid", id).iterator().next().getLong(0)).isOne();
    JsonObject again = service.register(name);
    assertThat(again.getJsonObject("user").getString("id")).isNotEqualTo(id);
  }

  @Test
  @DisplayName("Deleting my account with a wrong or missing password fails and keeps the account")
  void deleteAccountFailures() {
    String name = unique("keep");
    String token = service.register(name).getString("accessToken");

    assertProblem(call(HttpMethod.DELETE, "/users/me", token, new JsonObject().put("password", "Wrong-password-9")), 403, "not correct");
    assertProblem(call(HttpMethod.DELETE, "/users/me", token, new JsonObject()), 400, "'password' is required");
    assertProblem(call(HttpMethod.DELETE, "/users/me", token, null), 400, "JSON object body");
    assertProblem(call(HttpMethod.DELETE, "/users/me", null, new JsonObject().put("password", PASSWORD)), 401, "Bearer");
    assertThat(service.get("/users/me", token).statusCode()).isEqualTo(200);
  }
}
