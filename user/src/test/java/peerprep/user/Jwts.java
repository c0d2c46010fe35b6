package peerprep.user;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Hand-built JWTs for attacks and edge cases the issuer would never produce. */
final class Jwts {
  private Jwts() {
  }

  static JsonObject claims(String sub, String username, long expEpochSeconds, String... roles) {
    return new JsonObject().put("sub", sub).put("username", username).put("roles", new JsonArray(java.util.List.of(roles)))
      .put("iss", "peerprep-user-service").put("aud", "peerprep")
      .put("iat", expEpochSeconds - 900).put("exp", expEpochSeconds);
  }

  static String es256(PrivateKey key, String kid, JsonObject claims) {
    String input = encode(new JsonObject().put("alg", "ES256").put("typ", "JWT").put("kid", kid)) + "." + encode(claims);
    try {
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(key);
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return peerprep.common.auth.Es256Signatures.lowS(input + "." + b64(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hs256(byte[] secret, String kid, JsonObject claims) {
    String input = encode(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid)) + "." + encode(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String unsigned(String kid, JsonObject claims) {
    return encode(new JsonObject().put("alg", "none").put("typ", "JWT").put("kid", kid)) + "." + encode(claims) + ".";
  }

  /** The token with one bit flipped in the middle of the decoded part (1 = payload, 2 = signature). */
  static String flipByte(String token, int part) {
    String[] parts = token.split("\\.");
    byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
    bytes[bytes.length / 2] ^= 0x01;
    parts[part] = b64(bytes);
    return String.join(".", parts);
  }

  /** The token with its payload replaced but the original signature kept. */
  static String withPayload(String token, JsonObject claims) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + encode(claims) + "." + parts[2];
  }

  static JsonObject payload(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  static JsonObject header(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  private static String encode(JsonObject json) {
    return b64(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
