package peerprep.user;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import peerprep.common.testing.ServiceFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.user.ServiceUnderTest.PASSWORD;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("POST /auth/register")
class RegisterRouteTest {
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture().flushingRedis();
  private static ServiceUnderTest service;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
  }

  private static JsonObject registration(String username) {
    return new JsonObject().put("username", username).put("email", username + "@example.com").put("password", PASSWORD);
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String detailFragment) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).containsIgnoringCase(detailFragment);
  }

  @Test
  @DisplayName("Registering answers 201 with the new user and a token pair, and never the password hash")
  void registers() {
    String name = unique("Ada");
    HttpResponse<Buffer> response = service.post("/auth/register", registration(name)
      .put("displayName", "Ada Lovelace").put("preferredLanguage", "python"));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject body = response.bodyAsJsonObject();
    JsonObject user = body.getJsonObject("user");
    assertThat(user.getString("username")).isEqualTo(name);
    assertThat(user.getString("email")).isEqualTo(name + "@example.com");
    assertThat(user.getString("displayName")).isEqualTo("Ada Lovelace");
    assertThat(user.getString("preferredLanguage")).isEqualTo("python");
    assertThat(user.getString("role")).isEqualTo("user");
    assertThat(user.getJsonArray("roles").getList()).containsExactly("user");
    assertThat(user.getBoolean("disabled")).isFalse();
    assertThat(user.getString("createdAt")).isNotBlank();
    assertThat(body.getString("accessToken").split("\\.")).hasSize(3);
    assertThat(body.getString("refreshToken")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(body.getInteger("expiresIn")).isEqualTo(900);
    assertThat(response.bodyAsString()).doesNotContain("argon2").doesNotContainIgnoringCase("hash");
  }

  @Test
  @DisplayName("The stored password is an Argon2id hash, and the refresh token is stored only as its SHA-256")
  void storesHashes() {
    String name = unique("hash");
    JsonObject session = service.register(name);

    String stored = service.sql("SELECT password_hash FROM users WHERE username = $1", name).iterator().next().getString(0);
    assertThat(stored).startsWith("$argon2id$").doesNotContain(PASSWORD);
    String refresh = session.getString("refreshToken");
    assertThat(service.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = $1", refresh).iterator().next().getLong(0)).isZero();
    assertThat(service.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = $1", Tokens.hash(refresh)).iterator().next().getLong(0)).isOne();
  }

  @Test
  @DisplayName("Registration also answers under the public prefix /user-service-api")
  void registersUnderPrefix() {
    HttpResponse<Buffer> response = service.post("/user-service-api/auth/register", registration(unique("pre")));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  @Test
  @DisplayName("A username taken in another case is a 409 with a detail")
  void duplicateUsername() {
    String name = unique("grace");
    service.register(name);

    HttpResponse<Buffer> response = service.post("/auth/register", registration(name.toUpperCase())
      .put("email", unique("other") + "@example.com"));

    assertProblem(response, 409, "username is already taken");
  }

  @Test
  @DisplayName("An email taken in another case is a 409 with a detail")
  void duplicateEmail() {
    String name = unique("linus");
    service.register(name);

    HttpResponse<Buffer> response = service.post("/auth/register", registration(unique("fresh"))
      .put("email", name.toUpperCase() + "@EXAMPLE.com"));

    assertProblem(response, 409, "email address already exists");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "too short | Ab1-short | at least 10 characters",
    "one kind of character only | onlylowercaseletters | at least two kinds",
    "equal to the username | USERNAME | not be your username",
    "equal to the email | EMAIL | not be your username or your email",
  })
  @DisplayName("A weak password is a 400 that names the rule it breaks")
  void weakPassword(String why, String password, String detail) {
    String name = unique("weak");
    String actual = switch (password) {
      case "USERNAME" -> name.toUpperCase();
      case "EMAIL" -> name + "@example.com";
      default -> password;
    };

    HttpResponse<Buffer> response = service.post("/auth/register", registration(name).put("password", actual));

    assertProblem(response, 400, detail);
  }

  @Test
  @DisplayName("A password longer than 128 characters is a 400")
  void longPassword() {
    HttpResponse<Buffer> response = service.post("/auth/register", registration(unique("long")).put("password", "Aa1".repeat(43)));

    assertProblem(response, 400, "at most 128");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "too short a username | ab | ab@example.com | 'username' must",
    "a space in the username | ada lovelace | ada2@example.com | 'username' must",
    "a 33-character username | abcdefghijklmnopqrstuvwxyz0123456 | ada3@example.com | 'username' must",
    "an email without a domain | validname1 | ada@ | 'email' must be an email address",
    "an email without a dot in the domain | validname2 | ada@localhost | 'email' must be an email address",
    "an email with two @ | validname3 | a@b@example.com | 'email' must be an email address",
  })
  @DisplayName("An invalid username or email is a 400 that says what is expected")
  void invalidIdentity(String why, String username, String email, String detail) {
    HttpResponse<Buffer> response = service.post("/auth/register", registration(username).put("email", email));

    assertProblem(response, 400, detail);
  }

  @Test
  @DisplayName("Malformed JSON is a 400 and creates nothing")
  void malformedJson() {
    HttpResponse<Buffer> response = service.post("/auth/register", "{\"username\": \"x\",");

    assertProblem(response, 400, "not valid JSON");
  }

  @Test
  @DisplayName("A body over 64 KiB is a 413 problem")
  void oversizedBody() {
    HttpResponse<Buffer> response = service.post("/auth/register", registration(unique("big")).put("displayName", "x".repeat(70_000)));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  @DisplayName("A number where the username belongs is a 400 naming the field")
  void wrongType() {
    HttpResponse<Buffer> response = service.post("/auth/register", registration("ignored").put("username", 42));

    assertProblem(response, 400, "'username' must be a string");
  }

  @Test
  @DisplayName("A missing email is a 400 naming the field")
  void missingField() {
    JsonObject body = registration(unique("noemail"));
    body.remove("email");

    assertProblem(service.post("/auth/register", body), 400, "'email' is required");
  }

  @Test
  @DisplayName("A language outside python, java, javascript and cpp is a 400")
  void unknownLanguage() {
    HttpResponse<Buffer> response = service.post("/auth/register", registration(unique("lang")).put("preferredLanguage", "cobol"));

    assertProblem(response, 400, "\"python\", \"java\", \"javascript\" or \"cpp\"");
  }

  @Test
  @DisplayName("A field the route does not know, such as role, is a 400 rather than silently ignored")
  void unknownField() {
    HttpResponse<Buffer> response = service.post("/auth/register", registration(unique("role")).put("role", "admin"));

    assertProblem(response, 400, "'role' is not accepted here");
  }
}
