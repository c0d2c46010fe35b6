package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.JwtKeys;
import peerprep.common.testing.ServiceFixture;
import peerprep.testkit.EmbeddedRedis;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static peerprep.user.ServiceUnderTest.await;

@DisplayName("Start-up: configuration checks, the signing key, and the first admin")
class StartupTest {
  private static final String ADMIN_PASSWORD = "Boot-strap-secret-9";
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture().instances(0)
    .flushingRedis().resetting(ServiceFixture::emptyDatabase);

  /** Deploys a task with these keys on top of the fixture's; the index of the task once it started. */
  private Future<Integer> deploy(JsonObject config) {
    return fixture.deployAsync(config);
  }

  private static ServiceUnderTest start(JsonObject config) {
    return new ServiceUnderTest(fixture, fixture.deploy(config));
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
    JsonObject config = new JsonObject();
    config.putNull("SECRET_JWT_PRIVATE_KEY");

    assertRefused(config, "SECRET_JWT_PRIVATE_KEY");
  }

  @Test
  @DisplayName("A SECRET_JWT_PRIVATE_KEY that is not PEM, a PEM of garbage, or an RSA key is refused with the variable's name")
  void malformedKey() throws NoSuchAlgorithmException {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String rsaPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
      + "\n-----END PRIVATE KEY-----\n";

    assertRefused(new JsonObject().put("SECRET_JWT_PRIVATE_KEY", "not-a-key"), "SECRET_JWT_PRIVATE_KEY");
    assertRefused(new JsonObject()
      .put("SECRET_JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"), "SECRET_JWT_PRIVATE_KEY", "P-256");
    assertRefused(new JsonObject().put("SECRET_JWT_PRIVATE_KEY", rsaPem), "SECRET_JWT_PRIVATE_KEY", "P-256");
  }

  @Test
  @DisplayName("A JWT_PREVIOUS_JWKS that is not a list of EC public keys is refused with the variable's name")
  void malformedPreviousKeys() {
    assertRefused(new JsonObject().put("JWT_PREVIOUS_JWKS", "[{\"kty\":\"RSA\"}]"), "JWT_PREVIOUS_JWKS");
    assertRefused(new JsonObject().put("JWT_PREVIOUS_JWKS", "{not json"), "JWT_PREVIOUS_JWKS");
  }

  @Test
  @DisplayName("A negative or non-numeric REFRESH_REUSE_GRACE_SECONDS is refused with the variable's name")
  void malformedReuseGrace() {
    assertRefused(new JsonObject().put("REFRESH_REUSE_GRACE_SECONDS", -1), "REFRESH_REUSE_GRACE_SECONDS");
    assertRefused(new JsonObject().put("REFRESH_REUSE_GRACE_SECONDS", "soon"), "REFRESH_REUSE_GRACE_SECONDS");
  }

  @Test
  @DisplayName("Without JWT_KEY_ID every task derives the same kid from the key, given as PEM or as base64 of the PEM")
  void derivedKeyId() {
    JsonObject config = new JsonObject();
    config.putNull("JWT_KEY_ID");
    String pem = fixture.config().getString("SECRET_JWT_PRIVATE_KEY");
    ServiceUnderTest first = start(config);
    ServiceUnderTest second = start(config.copy().put("PORT", EmbeddedRedis.freePort())
      .put("SECRET_JWT_PRIVATE_KEY", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));

    String kid = first.get("/.well-known/jwks.json", null).bodyAsJsonObject().getJsonArray("keys").getJsonObject(0).getString("kid");
    String kid2 = second.get("/.well-known/jwks.json", null).bodyAsJsonObject().getJsonArray("keys").getJsonObject(0).getString("kid");
    String token = first.register(ServiceUnderTest.unique("kid")).getString("accessToken");

    assertThat(kid).matches("[A-Za-z0-9_-]{43}").isEqualTo(kid2);
    assertThat(Jwts.header(token).getString("kid")).isEqualTo(kid);
    assertThat(kid).isNotEqualTo(SigningKey.thumbprint(JwtKeys.jwk(PublicKeys.publicOf(JwtKeys.parsePrivate(
      JwtKeys.privatePem(JwtKeys.generate()))), "")));
    second.stop();
    first.stop();
  }

  @Test
  @DisplayName("A second task and a restart find the first admin and create no other")
  void firstAdminOnce() {
    JsonObject config = withAdmin(new JsonObject(), "boss");
    JsonObject other = config.copy().put("PORT", EmbeddedRedis.freePort());

    int a = await(deploy(config));
    int b = await(deploy(other));
    fixture.undeploy(a);
    ServiceUnderTest restarted = start(config);

    assertThat(restarted.sql("SELECT count(*) FROM users WHERE role = 'admin'").iterator().next().getLong(0)).isOne();
    assertThat(restarted.login("boss", ADMIN_PASSWORD).bodyAsJsonObject().getJsonObject("user").getString("role")).isEqualTo("admin");
    restarted.stop();
    fixture.undeploy(b);
  }

  @Test
  @DisplayName("Two tasks starting at once on an empty database both start, and exactly one admin exists")
  void firstAdminConcurrently() {
    JsonObject config = withAdmin(new JsonObject(), "chief");
    JsonObject other = config.copy().put("PORT", EmbeddedRedis.freePort());

    Future<Integer> a = deploy(config);
    Future<Integer> b = deploy(other);
    await(Future.all(a, b));
    ServiceUnderTest check = start(config.copy().put("PORT", EmbeddedRedis.freePort()));

    assertThat(check.sql("SELECT count(*) FROM users WHERE role = 'admin'").iterator().next().getLong(0)).isOne();
    check.stop();
    fixture.undeploy(a.result());
    fixture.undeploy(b.result());
  }

  @Test
  @DisplayName("Without admin settings the service starts and creates no admin")
  void noAdminConfigured() {
    ServiceUnderTest service = start(new JsonObject());

    assertThat(service.sql("SELECT count(*) FROM users").iterator().next().getLong(0)).isZero();
    service.stop();
  }

  @Test
  @DisplayName("Half-configured or weak admin settings stop start-up with the variable's name")
  void badAdminSettings() {
    JsonObject partial = new JsonObject().put("ADMIN_USERNAME", "boss").put("ADMIN_EMAIL", "boss@peerprep.example");
    JsonObject weak = withAdmin(new JsonObject(), "boss").put("SECRET_ADMIN_PASSWORD", "password");
    JsonObject badName = withAdmin(new JsonObject(), "boss").put("ADMIN_USERNAME", "b o s s");

    assertRefused(partial, "SECRET_ADMIN_PASSWORD");
    assertRefused(weak, "SECRET_ADMIN_PASSWORD", "at least 10");
    assertRefused(badName, "ADMIN_USERNAME");
  }

  @Test
  @DisplayName("When no admin exists and the admin's username belongs to someone else, start-up stops with a message")
  void adminNameTaken() {
    JsonObject config = new JsonObject();
    ServiceUnderTest plain = start(config);
    plain.register("squatter");
    plain.stop();

    assertRefused(withAdmin(config.copy().put("PORT", EmbeddedRedis.freePort()), "squatter"), "ADMIN_USERNAME", "already taken");
  }
}
