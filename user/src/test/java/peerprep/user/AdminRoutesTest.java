package peerprep.user;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.testkit.EmbeddedRedis;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.user.ServiceUnderTest.PASSWORD;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("/admin/users: listing, search, roles, disabling")
class AdminRoutesTest {
  static final String ADMIN = "root-admin";
  static final String ADMIN_PASSWORD = "Admin-secret-123";
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture()
    .config("ADMIN_USERNAME", ADMIN).config("ADMIN_EMAIL", "root@peerprep.example").config("SECRET_ADMIN_PASSWORD", ADMIN_PASSWORD);
  private static ServiceUnderTest service;
  private String adminToken;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
  }

  @BeforeEach
  void signInAdmin() {
    EmbeddedRedis.flushAll();
    HttpResponse<Buffer> login = service.login(ADMIN, ADMIN_PASSWORD);
    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    adminToken = login.bodyAsJsonObject().getString("accessToken");
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    return service.call(method, path, token, body, null);
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String detailFragment) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(detailFragment);
  }

  private static List<String> usernames(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("items").stream()
      .map(item -> ((JsonObject) item).getString("username")).toList();
  }

  @Test
  @DisplayName("The first admin from configuration signs in with both roles in the token and the user JSON")
  void firstAdmin() {
    JsonObject me = service.get("/users/me", adminToken).bodyAsJsonObject();

    assertThat(me.getString("role")).isEqualTo("admin");
    assertThat(me.getJsonArray("roles").getList()).containsExactly("admin", "user");
  }

  @Test
  @DisplayName("Listing pages through accounts oldest first with the total, and search matches username, email or display name")
  void listAndSearch() {
    String tag = unique("tag").toLowerCase();
    String a = tag + "a";
    String b = tag + "b";
    service.register(a);
    service.register(b);
    String c = unique("zed");
    String cToken = service.register(c).getString("accessToken");
    call(HttpMethod.PATCH, "/users/me", cToken, new JsonObject().put("displayName", "Known as " + tag.toUpperCase()));

    HttpResponse<Buffer> first = service.get("/admin/users?q=" + tag + "&size=2", adminToken);
    HttpResponse<Buffer> second = service.get("/admin/users?q=" + tag + "&size=2&page=2", adminToken);
    HttpResponse<Buffer> byEmail = service.get("/admin/users?q=" + b.toUpperCase() + "@EXAMPLE", adminToken);

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getLong("total")).isEqualTo(3);
    assertThat(first.bodyAsJsonObject().getInteger("page")).isEqualTo(1);
    assertThat(first.bodyAsJsonObject().getInteger("size")).isEqualTo(2);
    assertThat(usernames(first)).containsExactly(a, b);
    assertThat(usernames(second)).containsExactly(c);
    assertThat(usernames(byEmail)).containsExactly(b);
    assertThat(first.bodyAsString()).doesNotContain("argon2");
  }

  @Test
  @DisplayName("Search text is literal: % and _ match only themselves")
  void searchIsLiteral() {
    service.register(unique("lit"));

    HttpResponse<Buffer> response = service.get("/admin/users?q=%25", adminToken);
    HttpResponse<Buffer> underscore = service.get("/admin/users?q=_", adminToken);

    assertThat(response.bodyAsJsonObject().getLong("total")).isZero();
    assertThat(underscore.bodyAsJsonObject().getLong("total")).isZero();
  }

  @Test
  @DisplayName("A page size over 100, page 0, or a non-numeric size is a 400")
  void listBadParameters() {
    assertProblem(service.get("/admin/users?size=101", adminToken), 400, "between 1 and 100");
    assertProblem(service.get("/admin/users?page=0", adminToken), 400, "'page'");
    assertProblem(service.get("/admin/users?size=ten", adminToken), 400, "whole number");
    assertProblem(service.get("/admin/users?q=" + "x".repeat(101), adminToken), 400, "at most 100");
  }

  @Test
  @DisplayName("A non-admin gets 403 on every admin route, and no token gets 401")
  void nonAdmin() {
    String token = service.register(unique("plain")).getString("accessToken");
    String someone = UUID.randomUUID().toString();

    assertProblem(service.get("/admin/users", token), 403, "'admin' role");
    assertProblem(service.get("/admin/users/" + someone, token), 403, "'admin' role");
    assertProblem(call(HttpMethod.PATCH, "/admin/users/" + someone, token, new JsonObject().put("role", "admin")), 403, "'admin' role");
    assertProblem(service.get("/admin/users", null), 401, "Bearer");
  }

  @Test
  @DisplayName("An admin sees one account by id; an unknown id is a 404 and a malformed id a 400")
  void showUser() {
    JsonObject user = service.register(unique("one")).getJsonObject("user");

    HttpResponse<Buffer> response = service.get("/admin/users/" + user.getString("id"), adminToken);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(user);
    assertProblem(service.get("/admin/users/" + UUID.randomUUID(), adminToken), 404, "No account");
    assertProblem(service.get("/admin/users/not-a-uuid", adminToken), 400, "not a valid id");
  }

  @Test
  @DisplayName("Making a user admin takes effect at their next sign-in, and they can then use admin routes")
  void promote() {
    String name = unique("promo");
    String id = service.register(name).getJsonObject("user").getString("id");

    HttpResponse<Buffer> response = call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, new JsonObject().put("role", "admin"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("role")).isEqualTo("admin");
    String promoted = service.login(name, PASSWORD).bodyAsJsonObject().getString("accessToken");
    assertThat(service.get("/admin/users", promoted).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("A demoted admin loses the admin routes at once: the token that still says admin is revoked")
  void demotionIsImmediate() {
    String name = unique("demo");
    String id = service.register(name).getJsonObject("user").getString("id");
    call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, new JsonObject().put("role", "admin"));
    String staleToken = service.login(name, PASSWORD).bodyAsJsonObject().getString("accessToken");
    assertThat(service.get("/admin/users", staleToken).statusCode()).isEqualTo(200);

    call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, new JsonObject().put("role", "user"));

    assertThat(Jwts.payload(staleToken).getJsonArray("roles").getList()).contains("admin");
    assertProblem(service.get("/admin/users", staleToken), 401, "revoked");
  }

  @Test
  @DisplayName("A disabled account cannot sign in, refresh, or use its profile, and enabling it again restores sign-in")
  void disable() {
    String name = unique("off");
    JsonObject session = service.register(name);
    String id = session.getJsonObject("user").getString("id");

    HttpResponse<Buffer> response = call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, new JsonObject().put("disabled", true));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getBoolean("disabled")).isTrue();
    assertProblem(service.login(name, PASSWORD), 403, "disabled");
    assertProblem(service.login(name, "Wrong-password-1"), 401, "Invalid credentials.");
    assertProblem(service.post("/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken"))), 401, "Sign in again");
    assertProblem(service.get("/users/me", session.getString("accessToken")), 401, "revoked");

    call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, new JsonObject().put("disabled", false));
    assertThat(service.login(name, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("An invalid role, a non-boolean disabled, an empty body or an unknown account is refused with a detail")
  void updateFailures() {
    String id = service.register(unique("upd")).getJsonObject("user").getString("id");

    assertProblem(call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, new JsonObject().put("role", "root")), 400, "\"user\" or \"admin\"");
    assertProblem(call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, new JsonObject().put("disabled", "yes")), 400, "true or false");
    assertProblem(call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, new JsonObject()), 400, "at least one of the fields role, disabled");
    assertProblem(call(HttpMethod.PATCH, "/admin/users/" + id, adminToken, "{"), 400, "not valid JSON");
    assertProblem(call(HttpMethod.PATCH, "/admin/users/" + UUID.randomUUID(), adminToken, new JsonObject().put("role", "user")), 404, "No account");
  }

  @Test
  @DisplayName("An admin cannot demote or disable themselves: 409")
  void noSelfLockout() {
    String adminId = service.get("/users/me", adminToken).bodyAsJsonObject().getString("id");

    assertProblem(call(HttpMethod.PATCH, "/admin/users/" + adminId, adminToken, new JsonObject().put("role", "user")), 409, "their own");
    assertProblem(call(HttpMethod.PATCH, "/admin/users/" + adminId, adminToken, new JsonObject().put("disabled", true)), 409, "their own");
    assertThat(service.get("/admin/users", adminToken).statusCode()).isEqualTo(200);
  }
}
