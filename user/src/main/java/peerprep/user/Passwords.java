package peerprep.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id hashing on a worker pool of its own, as many threads as cores: more sign-ins than cores wait
 * their turn instead of sharing the CPU and memory bandwidth, so each finishes sooner. Stored hashes carry
 * their own parameters, so a hash made before a cost change still verifies, and {@link #outdated} tells
 * when it should be replaced.
 */
public final class Passwords {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private final WorkerExecutor workers;
  private final Argon2Function function;
  private volatile String dummyHash;

  public Passwords(Vertx vertx, UserConfig.Hashing cost) {
    this.workers = vertx.createSharedWorkerExecutor("argon2id", cost.workers());
    this.function = Argon2Function.getInstance(cost.memoryKib(), cost.iterations(), cost.parallelism(), HASH_BYTES, Argon2.ID);
  }

  /** Prepares the hash that unknown accounts are checked against, so they cost as much as known ones. */
  public Future<Void> warmUp() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return hash(Base64.getEncoder().encodeToString(random)).map(h -> {
      dummyHash = h;
      return null;
    });
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult(), false);
  }

  /** True when the password matches; with a null hash (no such account) it does the same work and is false. */
  public Future<Boolean> verify(String password, String hash) {
    String against = hash == null ? dummyHash : hash;
    return workers.executeBlocking(() -> matches(password, against) && hash != null, false);
  }

  /** True when a stored hash was made with other parameters than the configured ones (or cannot be read). */
  public boolean outdated(String hash) {
    try {
      return !function.equals(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) {
      return true;
    }
  }

  public Future<Void> close() {
    return workers.close();
  }

  private static boolean matches(String password, String hash) {
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
