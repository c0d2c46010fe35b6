package peerprep.user;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.auth.JwtKeys;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The ES256 key access tokens are signed with, its key id, and the public keys of earlier signing keys
 * that stay in the JWKS while tokens they signed may still be alive.
 */
public record SigningKey(KeyPair keys, String kid, List<JsonObject> previousJwks) {
  static final String KEY = "SECRET_JWT_PRIVATE_KEY";
  static final String KEY_ID = "JWT_KEY_ID";
  static final String PREVIOUS = "JWT_PREVIOUS_JWKS";

  static SigningKey from(Settings s) {
    KeyPair keys = PublicKeys.pairOf(parse(s.pem(KEY)));
    String kid = s.string(KEY_ID, thumbprint(JwtKeys.jwk((ECPublicKey) keys.getPublic(), "")));
    return new SigningKey(keys, kid, previous(s, kid));
  }

  private static ECPrivateKey parse(String pem) {
    ECPrivateKey key;
    try {
      key = JwtKeys.parsePrivate(pem);
    } catch (IllegalArgumentException e) {
      throw malformedKey();
    }
    if (!isP256(key.getParams())) {
      throw malformedKey();
    }
    return key;
  }

  private static ConfigException malformedKey() {
    return new ConfigException("Malformed configuration: " + KEY
      + " must be an EC P-256 private key in PKCS#8 PEM ('-----BEGIN PRIVATE KEY-----'), or the base64 of that PEM");
  }

  private static boolean isP256(ECParameterSpec spec) {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec p256 = p.getParameterSpec(ECParameterSpec.class);
      return p256.getOrder().equals(spec.getOrder()) && p256.getCurve().equals(spec.getCurve());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The RFC 7638 thumbprint of an EC public JWK, a stable default key id every task derives alike. */
  static String thumbprint(JsonObject jwk) {
    String canonical = "{\"crv\":\"" + jwk.getString("crv") + "\",\"kty\":\"" + jwk.getString("kty")
      + "\",\"x\":\"" + jwk.getString("x") + "\",\"y\":\"" + jwk.getString("y") + "\"}";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonObject> previous(Settings s, String currentKid) {
    if (!s.has(PREVIOUS)) {
      return List.of();
    }
    JsonArray keys = keysOf(s.raw().getValue(PREVIOUS));
    List<JsonObject> out = new ArrayList<>();
    for (Object item : keys) {
      if (!(item instanceof JsonObject jwk) || !"EC".equals(jwk.getString("kty")) || !"P-256".equals(jwk.getString("crv"))
        || blank(jwk, "kid") || blank(jwk, "x") || blank(jwk, "y")) {
        throw new ConfigException("Malformed configuration: every key in " + PREVIOUS
          + " must be an EC P-256 public JWK with kid, x and y");
      }
      if (currentKid.equals(jwk.getString("kid"))) {
        throw new ConfigException("Malformed configuration: " + PREVIOUS + " repeats the current key id '" + currentKid + "'");
      }
      out.add(new JsonObject().put("kty", "EC").put("crv", "P-256").put("use", "sig").put("alg", JwtKeys.ALGORITHM)
        .put("kid", jwk.getString("kid")).put("x", jwk.getString("x")).put("y", jwk.getString("y")));
    }
    return List.copyOf(out);
  }

  private static JsonArray keysOf(Object value) {
    try {
      Object parsed = value instanceof String text ? io.vertx.core.json.Json.decodeValue(text) : value;
      if (parsed instanceof JsonObject jwks && jwks.getValue("keys") instanceof JsonArray keys) {
        return keys;
      }
      if (parsed instanceof JsonArray keys) {
        return keys;
      }
    } catch (DecodeException e) {
      // reported below with the variable's name
    }
    throw new ConfigException("Malformed configuration: " + PREVIOUS + " must be a JSON array of public JWKs (or a JWKS document)");
  }

  private static boolean blank(JsonObject jwk, String field) {
    return !(jwk.getValue(field) instanceof String v) || v.isBlank();
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", previous=" + previousJwks.size() + "]";
  }
}
