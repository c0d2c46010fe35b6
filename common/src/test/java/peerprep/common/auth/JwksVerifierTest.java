package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class JwksVerifierTest {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final KeyPair keyA = JwtKeys.generate();
  private final List<JsonObject> published = new ArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private TokenIssuer issuerA;
  private JwksVerifier verifier;

  @BeforeEach
  void setUp(Vertx vertx) {
    issuerA = new TokenIssuer(vertx, keyA, "key-a", List.of());
    published.add(issuerA.jwks().getJsonArray("keys").getJsonObject(0));
    verifier = new JwksVerifier(vertx, () -> {
      fetches.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("keys", new JsonArray(new ArrayList<>(published))));
    }, 60_000);
  }

  private Principal verify(String token) {
    return verifier.verify(token).await();
  }

  private static String signEs256(KeyPair key, JsonObject header, JsonObject payload) throws Exception {
    String input = B64.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
      + B64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
    Signature sig = Signature.getInstance("SHA256withECDSAinP1363Format");
    sig.initSign(key.getPrivate());
    sig.update(input.getBytes(StandardCharsets.US_ASCII));
    return Es256Signatures.lowS(input + "." + B64.encodeToString(sig.sign()));
  }

  private static JsonObject claims(long expOffsetSeconds) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", "u-1").put("username", "ada").put("roles", new JsonArray().add("user"))
      .put("iss", TokenIssuer.ISSUER).put("aud", TokenIssuer.AUDIENCE).put("iat", now).put("exp", now + expOffsetSeconds);
  }

  @Test
  @DisplayName("A token signed by the published key yields its user, name and roles")
  void valid() {
    long before = System.currentTimeMillis();
    Principal p = verify(issuerA.issue(new Principal("u-1", "ada", Set.of("user", "admin")), 60));
    assertThat(p.id()).isEqualTo("u-1");
    assertThat(p.username()).isEqualTo("ada");
    assertThat(p.roles()).containsExactlyInAnyOrder("user", "admin");
    assertThat(p.issuedAtMs()).isBetween(before, System.currentTimeMillis());
    assertThat(p.isAdmin()).isTrue();
  }

  @Test
  @DisplayName("An expired token is refused")
  void expired() throws Exception {
    String token = signEs256(keyA, new JsonObject().put("alg", "ES256").put("kid", "key-a"), claims(-120));
    assertThatThrownBy(() -> verify(token)).isInstanceOf(InvalidTokenException.class);
    String fresh = signEs256(keyA, new JsonObject().put("alg", "ES256").put("kid", "key-a"), claims(120));
    assertThat(verify(fresh).username()).isEqualTo("ada");
  }

  @Test
  @DisplayName("A token without an expiry is refused, and the issuer refuses to mint one")
  void noExpiry() throws Exception {
    JsonObject claims = claims(60);
    claims.remove("exp");
    String token = signEs256(keyA, new JsonObject().put("alg", "ES256").put("kid", "key-a"), claims);
    assertThatThrownBy(() -> verify(token)).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> issuerA.issue(new Principal("u-1", "ada", Set.of("user")), 0))
      .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("A token whose payload or signature was altered is refused")
  void tampered() {
    String token = issuerA.issue(new Principal("u-1", "ada", Set.of("user")), 60);
    String[] parts = token.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    payload.put("roles", new JsonArray().add("user").add("admin"));
    String forgedPayload = parts[0] + "." + B64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertThatThrownBy(() -> verify(forgedPayload)).isInstanceOf(InvalidTokenException.class);
    char[] sig = parts[2].toCharArray();
    sig[5] = sig[5] == 'A' ? 'B' : 'A';
    String forgedSig = parts[0] + "." + parts[1] + "." + new String(sig);
    assertThatThrownBy(() -> verify(forgedSig)).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> verify(token + "AA")).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  @DisplayName("alg none, HMAC tokens and malformed tokens are refused before any key is used")
  void algorithms() throws Exception {
    String none = B64.encodeToString(new JsonObject().put("alg", "none").put("kid", "key-a").encode().getBytes())
      + "." + B64.encodeToString(claims(60).encode().getBytes()) + ".";
    assertThatThrownBy(() -> verify(none)).isInstanceOf(InvalidTokenException.class);
    String input = B64.encodeToString(new JsonObject().put("alg", "HS256").put("kid", "key-a").encode().getBytes())
      + "." + B64.encodeToString(claims(60).encode().getBytes());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(published.get(0).encode().getBytes(), "HmacSHA256"));
    String hs = input + "." + B64.encodeToString(mac.doFinal(input.getBytes()));
    assertThatThrownBy(() -> verify(hs)).isInstanceOf(InvalidTokenException.class).hasMessageContaining("algorithm");
    assertThatThrownBy(() -> verify("not.a-token")).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> verify("%%%.%%%.%%%")).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  @DisplayName("A token for another issuer or audience is refused")
  void issuerAndAudience() throws Exception {
    JsonObject header = new JsonObject().put("alg", "ES256").put("kid", "key-a");
    assertThatThrownBy(() -> verify(signEs256(keyA, header, claims(60).put("iss", "someone-else"))))
      .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> verify(signEs256(keyA, header, claims(60).put("aud", "other-app"))))
      .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  @DisplayName("After a key rotation, a token with the new kid makes the verifier fetch the key set again")
  void rotation(Vertx vertx) {
    verify(issuerA.issue(new Principal("u-1", "ada", Set.of("user")), 60));
    assertThat(fetches.get()).isEqualTo(1);
    JwksVerifier eager = new JwksVerifier(vertx, () -> {
      fetches.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("keys", new JsonArray(new ArrayList<>(published))));
    }, 0);
    eager.verify(issuerA.issue(new Principal("u-1", "ada", Set.of("user")), 60)).await();
    KeyPair keyB = JwtKeys.generate();
    TokenIssuer issuerB = new TokenIssuer(vertx, keyB, "key-b", List.of(published.get(0)));
    published.add(0, issuerB.jwks().getJsonArray("keys").getJsonObject(0));
    int before = fetches.get();
    assertThat(eager.verify(issuerB.issue(new Principal("u-2", "linus", Set.of("user")), 60)).await().username()).isEqualTo("linus");
    assertThat(fetches.get()).isEqualTo(before + 1);
    assertThat(issuerB.jwks().getJsonArray("keys")).hasSize(2);
  }

  @Test
  @DisplayName("Unknown kids are refused, and within the cool-down they do not trigger more fetches")
  void unknownKid() {
    verify(issuerA.issue(new Principal("u-1", "ada", Set.of("user")), 60));
    KeyPair stranger = JwtKeys.generate();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> verify(signEs256(stranger, new JsonObject().put("alg", "ES256").put("kid", "stranger"), claims(60))))
        .isInstanceOf(InvalidTokenException.class).hasMessageContaining("unknown key");
    }
    assertThat(fetches.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("The high-S twin of a valid ES256 signature is refused, and every issued token carries the low-S one")
  void highS() {
    for (int i = 0; i < 20; i++) {
      String token = issuerA.issue(new Principal("u-" + i, "ada", Set.of("user")), 60);
      assertThat(Es256Signatures.canonical(token)).isTrue();
      assertThat(verify(token).id()).isEqualTo("u-" + i);
      String twin = Es256Signatures.highSTwin(token);
      assertThat(twin).isNotEqualTo(token);
      assertThatThrownBy(() -> verify(twin)).isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
    }
  }
}
