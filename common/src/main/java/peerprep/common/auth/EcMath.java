package peerprep.common.auth;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/** Affine point arithmetic on a prime curve, just enough to derive a public key from a private one. */
final class EcMath {
  private EcMath() {
  }

  static ECPoint multiply(ECParameterSpec spec, BigInteger k) {
    BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger a = spec.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = spec.getGenerator();
    for (int i = 0; i < k.bitLength(); i++) {
      if (k.testBit(i)) {
        result = add(result, addend, p, a);
      }
      addend = add(addend, addend, p, a);
    }
    return result;
  }

  private static ECPoint add(ECPoint r, ECPoint s, BigInteger p, BigInteger a) {
    if (r.equals(ECPoint.POINT_INFINITY)) {
      return s;
    }
    if (s.equals(ECPoint.POINT_INFINITY)) {
      return r;
    }
    BigInteger lambda;
    if (r.equals(s)) {
      if (r.getAffineY().signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      BigInteger num = r.getAffineX().pow(2).multiply(BigInteger.valueOf(3)).add(a);
      lambda = num.multiply(r.getAffineY().shiftLeft(1).modInverse(p)).mod(p);
    } else {
      BigInteger dx = s.getAffineX().subtract(r.getAffineX()).mod(p);
      if (dx.signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      lambda = s.getAffineY().subtract(r.getAffineY()).multiply(dx.modInverse(p)).mod(p);
    }
    BigInteger x = lambda.pow(2).subtract(r.getAffineX()).subtract(s.getAffineX()).mod(p);
    BigInteger y = lambda.multiply(r.getAffineX().subtract(x)).subtract(r.getAffineY()).mod(p);
    return new ECPoint(x, y);
  }
}
