package peerprep.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.testkit.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.user.ServiceUnderTest.PASSWORD;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("Sign-in replaces a password hash made with other Argon2id parameters")
class PasswordRehashTest {
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture();
  /** The service under test hashes with m=1024 KiB, t=1, p=1 (ServiceUnderTest.config). */
  private static final String CONFIGURED = "$argon2id$v=19$m=1024,t=1,p=1$";
  private static ServiceUnderTest service;

  @BeforeAll
  static void deploy() {
    service = new ServiceUnderTest(fixture);
  }

  @BeforeEach
  void cleanRedis() {
    EmbeddedRedis.flushAll();
  }

  /** Registers an account, then stores its password as the former default cost (19 MiB, t=2) had hashed it. */
  private static String accountWithFormerHash() {
    String name = unique("ida");
    service.register(name);
    String former = Password.hash(PASSWORD).addRandomSalt(16).with(Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID))
      .getResult();
    service.sql("UPDATE users SET password_hash = $2 WHERE username = $1", name, former);
    return name;
  }

  private static String storedHash(String name) {
    return service.sql("SELECT password_hash FROM users WHERE username = $1", name).iterator().next().getString(0);
  }

  @Test
  @DisplayName("After signing in, the stored hash carries the configured parameters, and the password still signs in")
  void rehashedAtSignIn() {
    String name = accountWithFormerHash();
    assertThat(storedHash(name)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    var first = service.login(name, PASSWORD);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(storedHash(name)).startsWith(CONFIGURED);
    var again = service.login(name, PASSWORD);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    var refreshed = service.post("/auth/refresh", new JsonObject().put("refreshToken",
      first.bodyAsJsonObject().getString("refreshToken")));
    assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
  }

  @Test
  @DisplayName("A wrong password leaves a former hash as it was")
  void wrongPasswordKeepsHash() {
    String name = accountWithFormerHash();
    String before = storedHash(name);
    assertThat(service.login(name, PASSWORD + "x").statusCode()).isEqualTo(401);
    assertThat(storedHash(name)).isEqualTo(before);
  }

  @Test
  @DisplayName("A hash with the configured parameters is kept at sign-in")
  void currentHashKept() {
    String name = unique("jon");
    service.register(name);
    String before = storedHash(name);
    assertThat(before).startsWith(CONFIGURED);
    assertThat(service.login(name, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(storedHash(name)).isEqualTo(before);
  }
}
