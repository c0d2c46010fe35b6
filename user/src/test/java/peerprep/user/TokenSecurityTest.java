package peerprep.user;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.auth.InvalidTokenException;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.JwtKeys;
import peerprep.common.auth.Principal;
import peerprep.common.config.Settings;
import peerprep.common.discovery.Discovery;
import peerprep.common.testing.ServiceFixture;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static peerprep.user.ServiceUnderTest.KEY_ID;
import static peerprep.user.ServiceUnderTest.await;
import static peerprep.user.ServiceUnderTest.unique;

@DisplayName("Access tokens, the JWKS, and verification by other services")
class TokenSecurityTest {
  private static final KeyPair PREVIOUS = JwtKeys.generate();
  @RegisterExtension
  static final ServiceFixture<UserVerticle> fixture = ServiceUnderTest.fixture()
    .config("JWT_PREVIOUS_JWKS", new JsonArray().add(JwtKeys.jwk((ECPublicKey) PREVIOUS.getPublic(), "retired-key")).encode())
    .flushingRedis();
  private static ServiceUnderTest service;
  private static PrivateKey signingKey;
  private static Discovery discovery;
  private static JwksVerifier otherService;

  @BeforeAll
  static void deploy() {
    Vertx vertx = fixture.vertx();
    service = new ServiceUnderTest(fixture);
    signingKey = JwtKeys.parsePrivate(service.config.getString("SECRET_JWT_PRIVATE_KEY"));
    Settings peer = new Settings(new JsonObject().put("DISCOVERY_MODE", "static").put("USER_SERVICE_URL", "http://127.0.0.1:" + service.port));
    discovery = await(Discovery.start(vertx, peer, List.of("user-service")));
    otherService = JwksVerifier.fromDiscovery(vertx, discovery);
  }

  @AfterAll
  static void stop() {
    discovery.close();
  }

  private static JsonObject signIn() {
    return service.register(unique("tok"));
  }

  private static void assertRejected(String token) {
    HttpResponse<Buffer> response = service.get("/users/me", token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(401);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  @DisplayName("An access token is ES256 with the configured kid and carries sub, username, roles, issuer, audience and a 900 s life")
  void tokenShape() {
    JsonObject session = signIn();
    String token = session.getString("accessToken");

    JsonObject header = Jwts.header(token);
    JsonObject claims = Jwts.payload(token);
    assertThat(header.getString("alg")).isEqualTo("ES256");
    assertThat(header.getString("typ")).isEqualTo("JWT");
    assertThat(header.getString("kid")).isEqualTo(KEY_ID);
    assertThat(claims.getString("sub")).isEqualTo(session.getJsonObject("user").getString("id"));
    assertThat(claims.getString("username")).isEqualTo(session.getJsonObject("user").getString("username"));
    assertThat(claims.getJsonArray("roles").getList()).containsExactly("user");
    assertThat(claims.getString("iss")).isEqualTo("peerprep-user-service");
    assertThat(claims.getValue("aud").toString()).contains("peerprep");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
  }

  @Test
  @DisplayName("A token with one byte of its payload flipped is a 401")
  void payloadByteFlipped() {
    assertRejected(Jwts.flipByte(signIn().getString("accessToken"), 1));
  }

  @Test
  @DisplayName("A token whose payload was rewritten to claim the admin role is a 401")
  void payloadRewritten() {
    String token = signIn().getString("accessToken");

    assertRejected(Jwts.withPayload(token, Jwts.payload(token).put("roles", new JsonArray().add("user").add("admin"))));
  }

  @Test
  @DisplayName("A token with one byte of its signature flipped is a 401")
  void signatureByteFlipped() {
    assertRejected(Jwts.flipByte(signIn().getString("accessToken"), 2));
  }

  @Test
  @DisplayName("A correctly signed token that expired a minute ago is a 401, while the same token unexpired passes")
  void expired() {
    JsonObject user = signIn().getJsonObject("user");
    long now = System.currentTimeMillis() / 1000;

    String expired = Jwts.es256(signingKey, KEY_ID, Jwts.claims(user.getString("id"), user.getString("username"), now - 60, "user"));
    String valid = Jwts.es256(signingKey, KEY_ID, Jwts.claims(user.getString("id"), user.getString("username"), now + 60, "user"));

    assertRejected(expired);
    assertThat(service.get("/users/me", valid).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("A correctly signed token without an expiry is a 401")
  void noExpiry() {
    JsonObject user = signIn().getJsonObject("user");
    JsonObject claims = Jwts.claims(user.getString("id"), user.getString("username"), 0, "user");
    claims.remove("exp");

    assertRejected(Jwts.es256(signingKey, KEY_ID, claims));
  }

  @Test
  @DisplayName("An unsigned token with alg none is a 401")
  void algNone() {
    JsonObject user = signIn().getJsonObject("user");
    long later = System.currentTimeMillis() / 1000 + 600;

    assertRejected(Jwts.unsigned(KEY_ID, Jwts.claims(user.getString("id"), user.getString("username"), later, "user", "admin")));
  }

  @Test
  @DisplayName("An HS256 token keyed with the public key (algorithm confusion) is a 401")
  void hs256() {
    JsonObject user = signIn().getJsonObject("user");
    long later = System.currentTimeMillis() / 1000 + 600;
    byte[] publicKey = PublicKeys.publicOf(JwtKeys.parsePrivate(service.config.getString("SECRET_JWT_PRIVATE_KEY"))).getEncoded();

    assertRejected(Jwts.hs256(publicKey, KEY_ID, Jwts.claims(user.getString("id"), user.getString("username"), later, "user")));
  }

  @Test
  @DisplayName("A token signed by a stranger's key under our kid is a 401")
  void foreignKey() {
    JsonObject user = signIn().getJsonObject("user");
    long later = System.currentTimeMillis() / 1000 + 600;

    assertRejected(Jwts.es256(JwtKeys.generate().getPrivate(), KEY_ID, Jwts.claims(user.getString("id"), user.getString("username"), later, "user")));
  }

  @Test
  @DisplayName("The JWKS publishes the current key and the retired one, is cacheable, and is read-only")
  void jwks() {
    HttpResponse<Buffer> response = service.get("/.well-known/jwks.json", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Cache-Control")).contains("max-age");
    List<JsonObject> keys = response.bodyAsJsonObject().getJsonArray("keys").stream().map(k -> (JsonObject) k).toList();
    assertThat(keys).extracting(k -> k.getString("kid")).containsExactly(KEY_ID, "retired-key");
    assertThat(keys).allSatisfy(k -> {
      assertThat(k.getString("kty")).isEqualTo("EC");
      assertThat(k.getString("alg")).isEqualTo("ES256");
      assertThat(k.containsKey("d")).isFalse();
    });
    assertThat(service.get("/user-service-api/.well-known/jwks.json", null).bodyAsJsonObject()).isEqualTo(response.bodyAsJsonObject());
    assertThat(service.post("/.well-known/jwks.json", new JsonObject()).statusCode()).isEqualTo(405);
  }

  @Test
  @DisplayName("Another service verifies a login's access token through the JWKS alone, and rejects a tampered one")
  void verifiedByAnotherService() {
    String name = unique("peer");
    JsonObject user = service.register(name).getJsonObject("user");
    String token = service.login(name, ServiceUnderTest.PASSWORD).bodyAsJsonObject().getString("accessToken");

    Principal principal = await(otherService.verify(token));

    assertThat(principal.id()).isEqualTo(user.getString("id"));
    assertThat(principal.username()).isEqualTo(name);
    assertThat(principal.roles()).containsExactly("user");
    assertThatThrownBy(() -> await(otherService.verify(Jwts.flipByte(token, 2)))).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> await(otherService.verify(Jwts.withPayload(token, Jwts.payload(token).put("sub", UUID.randomUUID().toString())))))
      .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  @DisplayName("During a rotation, a token signed by the retired key still verifies through the JWKS")
  void retiredKeyStillVerifies() {
    long later = System.currentTimeMillis() / 1000 + 600;
    String id = UUID.randomUUID().toString();

    Principal principal = await(otherService.verify(Jwts.es256(PREVIOUS.getPrivate(), "retired-key", Jwts.claims(id, "old", later, "user"))));

    assertThat(principal.id()).isEqualTo(id);
  }
}
