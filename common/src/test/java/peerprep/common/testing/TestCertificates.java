package peerprep.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and a server certificate signed by it, made with openssl in a temporary
 * directory: {@code ca.crt}, {@code server.crt} and {@code server.key} (mode 0600, as PostgreSQL demands).
 */
public record TestCertificates(Path dir) {

  /** A CA named {@code caName} and a server certificate valid for {@code subjectAltName} (e.g. DNS:localhost). */
  public static TestCertificates create(String caName, String subjectAltName) {
    try {
      Path dir = Files.createTempDirectory("peerprep-certs");
      run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=" + caName, "-keyout", "ca.key", "-out", "ca.crt");
      run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=peerprep-test-server",
        "-keyout", "server.key", "-out", "server.csr");
      Files.writeString(dir.resolve("san.ext"), "subjectAltName=" + subjectAltName + "\n");
      run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
      Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
      return new TestCertificates(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path ca() {
    return dir.resolve("ca.crt");
  }

  public Path cert() {
    return dir.resolve("server.crt");
  }

  public Path key() {
    return dir.resolve("server.key");
  }

  private static void run(Path dir, String... command) throws IOException {
    Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
      .redirectOutput(dir.resolve("openssl.log").toFile()).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("openssl failed: " + String.join(" ", command) + "\n" + Files.readString(dir.resolve("openssl.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
