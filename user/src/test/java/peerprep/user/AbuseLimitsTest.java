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
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.user.ServiceUnderTest.PASSWORD;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("Abuse limits of the user service reached directly, with no trusted proxy in front")
class AbuseLimitsTest {
  private static final int ACCOUNTS_PER_ADDRESS = 4;
  private static final int SIGN_UPS = 3;
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture()
    .config("LOGIN_MAX_ACCOUNTS_PER_ADDRESS", ACCOUNTS_PER_ADDRESS)
    .config("SIGNUPS_PER_ADDRESS_PER_HOUR", SIGN_UPS)
    .flushingRedis();
  private static ServiceUnderTest service;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
  }

  private static HttpResponse<Buffer> login(String identifier, String password, String forwardedFor) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (forwardedFor != null) {
      headers.add("X-Forwarded-For", forwardedFor);
    }
    return service.call(HttpMethod.POST, "/auth/login", null,
      new JsonObject().put("identifier", identifier).put("password", password), headers);
  }

  private static void assertThrottled(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(429);
    assertThat(Long.parseLong(response.getHeader("Retry-After"))).isPositive();
    assertThat(response.bodyAsJsonObject().getString("detail")).isNotBlank();
  }

  @Test
  @DisplayName("60 wrong passwords with a rotating X-Forwarded-For from an untrusted peer are throttled with 429")
  void rotatingHeaderFromUntrustedPeer() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      statuses.add(login(unique("spoof"), "Wrong-password-1", "198.51.100." + i).statusCode());
    }
    assertThat(statuses).contains(429);
    assertThrottled(login(unique("spoof"), "Wrong-password-1", "203.0.113.250"));
  }

  @Test
  @DisplayName("Spraying one password over many accounts from one address is refused with 429 past the accounts limit")
  void passwordSpraying() {
    List<String> victims = new ArrayList<>();
    for (int i = 0; i <= ACCOUNTS_PER_ADDRESS; i++) {
      String name = unique("spray");
      EmbeddedRedis.flushAll();
      service.register(name);
      victims.add(name);
    }
    EmbeddedRedis.flushAll();
    for (int i = 0; i < ACCOUNTS_PER_ADDRESS; i++) {
      assertThat(login(victims.get(i), "Summer-2024-spray", null).statusCode()).isEqualTo(401);
    }
    assertThrottled(login(victims.get(ACCOUNTS_PER_ADDRESS), PASSWORD, null));
    assertThat(login(victims.get(0), PASSWORD, null).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Sign-ups from one address past the hourly limit get 429 with Retry-After, however the header is rotated")
  void signUpThrottle() {
    for (int i = 0; i < SIGN_UPS; i++) {
      service.register(unique("signup"));
    }
    String name = unique("signup");
    HttpResponse<Buffer> refused = service.call(HttpMethod.POST, "/auth/register", null, new JsonObject()
        .put("username", name).put("email", name + "@example.com").put("password", PASSWORD),
      MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "192.0.2.77"));
    assertThrottled(refused);
    assertThat(service.login(name, PASSWORD).statusCode()).isEqualTo(401);
  }
}
