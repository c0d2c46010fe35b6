package peerprep.user;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/**
 * The public half of a P-256 signing key (Q = d·G), computed with Bouncy Castle's curve arithmetic, so the
 * deployment configures the private key alone and every task publishes the same public key.
 */
final class PublicKeys {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

  private PublicKeys() {
  }

  static KeyPair pairOf(ECPrivateKey key) {
    return new KeyPair(publicOf(key), key);
  }

  static ECPublicKey publicOf(ECPrivateKey key) {
    org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier().multiply(P256.getG(), key.getS()).normalize();
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
