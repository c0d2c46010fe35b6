package peerprep.user;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import peerprep.common.auth.JwtKeys;

import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

import static org.assertj.core.api.Assertions.assertThat;

class PublicKeysTest {
  @RepeatedTest(5)
  @DisplayName("The public key computed from a private key is the one the key pair was generated with, and verifies its signatures")
  void derivesThePairsPublicKey() throws Exception {
    KeyPair pair = JwtKeys.generate();
    ECPublicKey derived = PublicKeys.publicOf(JwtKeys.parsePrivate(JwtKeys.privatePem(pair)));

    assertThat(derived.getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign((ECPrivateKey) pair.getPrivate());
    signer.update("peerprep".getBytes());
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(derived);
    verifier.update("peerprep".getBytes());
    assertThat(verifier.verify(signature)).isTrue();
  }
}
