package peerprep.user;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.auth.JwtKeys;
import peerprep.testkit.EmbeddedRedis;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static peerprep.user.ServiceUnderTest.await;

@ExtendWith(VertxExtension.class)
@DisplayName("Start-up: configuration checks, the signing key, and the first admin")
class StartupTest {
  private static final String ADMIN_PASSWORD = "Boot-strap-secret-9";
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx v) {
    vertx = v;
    EmbeddedRedis.flushAll();
  }

  private Future<String> deploy(JsonObject config) {
    return vertx.deployVerticle(new UserVerticle(), new DeploymentOptions().setConfig(config));
  }

  private void assertRefused(JsonObject config, String... inMessage) {
    assertThatThrownBy(() -> await(deploy(config))).message().contains(inMessage);
  }

  private static JsonObject withAdmin(JsonObject config, String username) {
    return config.put("ADMIN_USERNAME", username).put("ADMIN_EMAIL", username + "@peerprep.example")
      .put("SECRET_ADMIN_PASSWORD", ADMIN_PASSWORD);
  }

  @Test
  @DisplayName("Without SECRET_JWT_PRIVATE_KEY the service refuses to start and names the variable")
  void missingKey() {
    JsonObject config = ServiceUnderTest.config("user_startup_test");
    config.remove("SECRET_JWT_PRIVATE_KEY");

    assertRefused(config, "SECRET_JWT_PRIVATE_KEY");
  }

  @Test
  @DisplayName("A SECRET_JWT_PRIVATE_KEY that is not PEM, a PEM of garbage, or an RSA key is refused with the variable's name")
  void malformedKey() throws NoSuchAlgorithmException {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String rsaPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
      + "\n-----END PRIVATE KEY-----\n";

    assertRefused(ServiceUnderTest.config("user_startup_test").put("SECRET_JWT_PRIVATE_KEY", "not-a-key"), "SECRET_JWT_PRIVATE_KEY");
    assertRefused(ServiceUnderTest.config("user_startup_test")
      .put("SECRET_JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"), "SECRET_JWT_PRIVATE_KEY", "P-256");
    assertRefused(ServiceUnderTest.config("user_startup_test").put("SECRET_JWT_PRIVATE_KEY", rsaPem), "SECRET_JWT_PRIVATE_KEY", "P-256");
  }

  @Test
  @DisplayName("A JWT_PREVIOUS_JWKS that is not a list of EC public keys is refused with the variable's name")
  void malformedPreviousKeys() {
    assertRefused(ServiceUnderTest.config("user_startup_test").put("JWT_PREVIOUS_JWKS", "[{\"kty\":\"RSA\"}]"), "JWT_PREVIOUS_JWKS");
    assertRefused(ServiceUnderTest.config("user_startup_test").put("JWT_PREVIOUS_JWKS", "{not json"), "JWT_PREVIOUS_JWKS");
  }

  @Test
  @DisplayName("A negative or non-numeric REFRESH_REUSE_GRACE_SECONDS is refused with the variable's name")
  void malformedReuseGrace() {
    assertRefused(ServiceUnderTest.config("user_startup_test").put("REFRESH_REUSE_GRACE_SECONDS", -1), "REFRESH_REUSE_GRACE_SECONDS");
    assertRefused(ServiceUnderTest.config("user_startup_test").put("REFRESH_REUSE_GRACE_SECONDS", "soon"), "REFRESH_REUSE_GRACE_SECONDS");
  }

  @Test
  @DisplayName("Without JWT_KEY_ID every task derives the same kid from the key, given as PEM or as base64 of the PEM")
  void derivedKeyId() {
    JsonObject config = ServiceUnderTest.config("user_kid_test");
    config.remove("JWT_KEY_ID");
    String pem = config.getString("SECRET_JWT_PRIVATE_KEY");
    ServiceUnderTest first = ServiceUnderTest.start(vertx, config);
    ServiceUnderTest second = ServiceUnderTest.start(vertx, config.copy().put("PORT", EmbeddedRedis.freePort())
      .put("SECRET_JWT_PRIVATE_KEY", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));

    String kid = first.get("/.well-known/jwks.json", null).bodyAsJsonObject().getJsonArray("keys").getJsonObject(0).getString("kid");
    String kid2 = second.get("/.well-known/jwks.json", null).bodyAsJsonObject().getJsonArray("keys").getJsonObject(0).getString("kid");
    String token = first.register(ServiceUnderTest.unique("kid")).getString("accessToken");

    assertThat(kid).matches("[A-Za-z0-9_-]{43}").isEqualTo(kid2);
    assertThat(Jwts.header(token).getString("kid")).isEqualTo(kid);
    assertThat(kid).isNotEqualTo(SigningKey.thumbprint(JwtKeys.jwk(JwtKeys.publicOf(JwtKeys.parsePrivate(
      JwtKeys.privatePem(JwtKeys.generate()))), "")));
    second.stop();
    first.stop();
  }

  @Test
  @DisplayName("A second task and a restart find the first admin and create no other")
  void firstAdminOnce() {
    JsonObject config = withAdmin(ServiceUnderTest.config("user_seed_test"), "boss");
    JsonObject other = config.copy().put("PORT", EmbeddedRedis.freePort());

    String a = await(deploy(config));
    String b = await(deploy(other));
    await(vertx.undeploy(a));
    ServiceUnderTest restarted = ServiceUnderTest.start(vertx, config);

    assertThat(restarted.sql("SELECT count(*) FROM users WHERE role = 'admin'").iterator().next().getLong(0)).isOne();
    assertThat(restarted.login("boss", ADMIN_PASSWORD).bodyAsJsonObject().getJsonObject("user").getString("role")).isEqualTo("admin");
    restarted.stop();
    await(vertx.undeploy(b));
  }

  @Test
  @DisplayName("Two tasks starting at once on an empty database both start, and exactly one admin exists")
  void firstAdminConcurrently() {
    JsonObject config = withAdmin(ServiceUnderTest.config("user_race_test"), "chief");
    JsonObject other = config.copy().put("PORT", EmbeddedRedis.freePort());

    Future<String> a = deploy(config);
    Future<String> b = deploy(other);
    await(Future.all(a, b));
    ServiceUnderTest check = ServiceUnderTest.start(vertx, config.copy().put("PORT", EmbeddedRedis.freePort()));

    assertThat(check.sql("SELECT count(*) FROM users WHERE role = 'admin'").iterator().next().getLong(0)).isOne();
    check.stop();
    await(vertx.undeploy(a.result()));
    await(vertx.undeploy(b.result()));
  }

  @Test
  @DisplayName("Without admin settings the service starts and creates no admin")
  void noAdminConfigured() {
    ServiceUnderTest service = ServiceUnderTest.start(vertx, ServiceUnderTest.config("user_noadmin_test"));

    assertThat(service.sql("SELECT count(*) FROM users").iterator().next().getLong(0)).isZero();
    service.stop();
  }

  @Test
  @DisplayName("Half-configured or weak admin settings stop start-up with the variable's name")
  void badAdminSettings() {
    JsonObject partial = ServiceUnderTest.config("user_startup_test").put("ADMIN_USERNAME", "boss").put("ADMIN_EMAIL", "boss@peerprep.example");
    JsonObject weak = withAdmin(ServiceUnderTest.config("user_startup_test"), "boss").put("SECRET_ADMIN_PASSWORD", "password");
    JsonObject badName = withAdmin(ServiceUnderTest.config("user_startup_test"), "boss").put("ADMIN_USERNAME", "b o s s");

    assertRefused(partial, "SECRET_ADMIN_PASSWORD");
    assertRefused(weak, "SECRET_ADMIN_PASSWORD", "at least 10");
    assertRefused(badName, "ADMIN_USERNAME");
  }

  @Test
  @DisplayName("When no admin exists and the admin's username belongs to someone else, start-up stops with a message")
  void adminNameTaken() {
    JsonObject config = ServiceUnderTest.config("user_taken_test");
    ServiceUnderTest plain = ServiceUnderTest.start(vertx, config);
    plain.register("squatter");
    plain.stop();

    assertRefused(withAdmin(config.copy().put("PORT", EmbeddedRedis.freePort()), "squatter"), "ADMIN_USERNAME", "already taken");
  }
}
