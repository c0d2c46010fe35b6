package peerprep.common.auth;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * The one spelling of an ES256 signature a token may carry: exactly 64 bytes in unpadded base64url,
 * both halves in {@code [1, n-1]}, and {@code s} in the lower half of the curve order. ECDSA accepts
 * {@code (r, n - s)} as well as {@code (r, s)}, so without the low-S rule every token has a second,
 * different spelling that verifies.
 */
public final class Es256Signatures {
  private static final int BYTES = 64;
  private static final BigInteger ORDER = new BigInteger(
    "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
  private static final BigInteger HALF_ORDER = ORDER.shiftRight(1);

  private Es256Signatures() {
  }

  /** Whether the signature part of a compact JWT is the canonical low-S ES256 signature. */
  public static boolean canonical(String token) {
    byte[] sig = decode(token);
    if (sig == null) {
      return false;
    }
    BigInteger r = half(sig, 0);
    BigInteger s = half(sig, BYTES / 2);
    return r.signum() > 0 && r.compareTo(ORDER) < 0 && s.signum() > 0 && s.compareTo(HALF_ORDER) <= 0;
  }

  /** The same token with its signature's {@code s} replaced by {@code n - s} when it lies in the upper half. */
  public static String lowS(String token) {
    byte[] sig = decode(token);
    if (sig == null) {
      throw new IllegalArgumentException("Not an ES256 token");
    }
    BigInteger s = half(sig, BYTES / 2);
    if (s.compareTo(HALF_ORDER) <= 0) {
      return token;
    }
    return withS(token, sig, ORDER.subtract(s));
  }

  /** The high-S twin of a low-S token: same message, same key, the other valid signature. */
  public static String highSTwin(String token) {
    byte[] sig = decode(token);
    if (sig == null) {
      throw new IllegalArgumentException("Not an ES256 token");
    }
    return withS(token, sig, ORDER.subtract(half(sig, BYTES / 2)));
  }

  private static String withS(String token, byte[] sig, BigInteger s) {
    byte[] out = Arrays.copyOf(sig, BYTES);
    byte[] raw = s.toByteArray();
    int len = Math.min(raw.length, BYTES / 2);
    Arrays.fill(out, BYTES / 2, BYTES, (byte) 0);
    System.arraycopy(raw, raw.length - len, out, BYTES - len, len);
    return token.substring(0, token.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  private static byte[] decode(String token) {
    if (token == null) {
      return null;
    }
    String encoded = token.substring(token.lastIndexOf('.') + 1);
    try {
      byte[] sig = Base64.getUrlDecoder().decode(encoded);
      boolean exact = sig.length == BYTES && Base64.getUrlEncoder().withoutPadding().encodeToString(sig).equals(encoded);
      return exact ? sig : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static BigInteger half(byte[] sig, int from) {
    return new BigInteger(1, Arrays.copyOfRange(sig, from, from + BYTES / 2));
  }
}
