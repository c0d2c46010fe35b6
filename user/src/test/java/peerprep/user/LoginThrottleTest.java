package peerprep.user;

import io.vertx.core.MultiMap;
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

@DisplayName("Failed sign-ins are throttled per account and per address across two tasks, behind a trusted proxy at 127.0.0.1")
class LoginThrottleTest {
  private static final int PER_ACCOUNT = 3;
  private static final int PER_ADDRESS = 5;
  private static final int WINDOW = 600;
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture()
    .config("LOGIN_MAX_FAILURES_PER_ACCOUNT", PER_ACCOUNT)
    .config("LOGIN_MAX_FAILURES_PER_ADDRESS", PER_ADDRESS)
    .config("LOGIN_FAILURE_WINDOW_SECONDS", WINDOW)
    .config("TRUSTED_PROXIES", "127.0.0.1/32")
    .flushingRedis();
  private static ServiceUnderTest taskA;
  private static ServiceUnderTest taskB;

  @BeforeAll
  static void deploy() {
    taskA = new ServiceUnderTest(fixture);
    taskB = taskA.secondTask();
  }

  private static HttpResponse<Buffer> login(ServiceUnderTest task, String identifier, String password, String address) {
    return task.call(HttpMethod.POST, "/auth/login", null, new JsonObject().put("identifier", identifier).put("password", password),
      MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "198.51.100.200, " + address));
  }

  private static void assertThrottled(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(429);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    long retryAfter = Long.parseLong(response.getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(1L, (long) WINDOW);
    assertThat(response.bodyAsJsonObject().getLong("retryAfter")).isEqualTo(retryAfter);
  }

  @Test
  @DisplayName("Failures spread over two tasks add up: past the account limit even the right password gets 429 with Retry-After")
  void accountLimitAcrossTasks() {
    String name = unique("acct");
    taskA.register(name);

    assertThat(login(taskA, name, "Wrong-password-1", "203.0.113.1").statusCode()).isEqualTo(401);
    assertThat(login(taskB, name, "Wrong-password-2", "203.0.113.2").statusCode()).isEqualTo(401);
    assertThat(login(taskA, name + "@example.com", "Wrong-password-3", "203.0.113.3").statusCode()).isEqualTo(401);

    assertThrottled(login(taskB, name, PASSWORD, "203.0.113.4"));
    assertThrottled(login(taskA, name.toUpperCase(), PASSWORD, "203.0.113.5"));
  }

  @Test
  @DisplayName("An unknown account is throttled the same way as a known one")
  void unknownAccountThrottled() {
    String ghost = unique("ghost");
    for (int i = 0; i < PER_ACCOUNT; i++) {
      assertThat(login(i % 2 == 0 ? taskA : taskB, ghost, "Wrong-password-" + i, "198.51.100." + i).statusCode()).isEqualTo(401);
    }

    assertThrottled(login(taskA, ghost, PASSWORD, "198.51.100.99"));
  }

  @Test
  @DisplayName("Failures from one address (named by the trusted proxy's X-Forwarded-For) reach the address limit; another address is not affected")
  void addressLimitAcrossTasks() {
    for (int i = 0; i < PER_ADDRESS; i++) {
      assertThat(login(i % 2 == 0 ? taskA : taskB, unique("many"), "Wrong-password-1", "192.0.2.7").statusCode()).isEqualTo(401);
    }
    String name = unique("victim");
    taskA.register(name);

    assertThrottled(login(taskB, name, PASSWORD, "192.0.2.7"));
    assertThat(login(taskA, name, PASSWORD, "192.0.2.8").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("A successful sign-in clears the account's count")
  void successClears() {
    String name = unique("clear");
    taskA.register(name);
    for (int i = 0; i < PER_ACCOUNT - 1; i++) {
      login(taskA, name, "Wrong-password-1", "203.0.113.50");
    }

    assertThat(login(taskB, name, PASSWORD, "203.0.113.51").statusCode()).isEqualTo(200);

    for (int i = 0; i < PER_ACCOUNT - 1; i++) {
      assertThat(login(taskA, name, "Wrong-password-1", "203.0.113.52").statusCode()).isEqualTo(401);
    }
    assertThat(login(taskB, name, PASSWORD, "203.0.113.53").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("A forged X-Forwarded-For entry does not escape the limit on the address the proxy saw")
  void forgedForwardedFor() {
    for (int i = 0; i < PER_ADDRESS; i++) {
      String forged = "192.0.2." + i + ", 203.0.113.90";
      assertThat(taskA.call(HttpMethod.POST, "/auth/login", null,
        new JsonObject().put("identifier", unique("forge")).put("password", "Wrong-password-1"),
        MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", forged)).statusCode()).isEqualTo(401);
    }
    assertThrottled(login(taskB, unique("forge"), PASSWORD, "203.0.113.90"));
  }

  @Test
  @DisplayName("Without X-Forwarded-For the peer address is counted")
  void peerAddressCounted() {
    for (int i = 0; i < PER_ADDRESS; i++) {
      assertThat(taskA.login(unique("peer"), "Wrong-password-1").statusCode()).isEqualTo(401);
    }

    assertThrottled(taskB.login(unique("peer"), PASSWORD));
  }

  @Test
  @DisplayName("Guessing the current password on the password-change route is throttled too")
  void passwordChangeThrottled() {
    String token = taskA.register(unique("guess")).getString("accessToken");
    JsonObject guess = new JsonObject().put("currentPassword", "Guessed-wrong-1").put("newPassword", "Brand-new-pass-1");
    for (int i = 0; i < PER_ACCOUNT; i++) {
      assertThat(taskA.call(HttpMethod.PUT, "/users/me/password", token, guess, null).statusCode()).isEqualTo(403);
    }

    assertThrottled(taskB.call(HttpMethod.PUT, "/users/me/password", token,
      guess.copy().put("currentPassword", PASSWORD), null));
  }
}
