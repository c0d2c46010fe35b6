package peerprep.devstack;

import io.vertx.core.json.JsonObject;
import peerprep.common.auth.JwtKeys;
import peerprep.common.discovery.Discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The development stack's ports and its local secrets. Secrets are generated on first start into the
 * state folder (git-ignored, owner-only), so tokens and the admin login survive restarts.
 */
final class StackConfig {
  /** The services in start order: the ones others call first. */
  static final List<StackService> SERVICES = List.of(
    new StackService("user", "user-service", 8004, "user_db"),
    new StackService("question", "question-service", 8001, "question_db"),
    new StackService("history", "history-service", 8003, "history_db"),
    new StackService("execution", "execution-service", 8007, null),
    new StackService("collab", "collaboration-service", 8005, null),
    new StackService("chat", "chat-service", 8006, null),
    new StackService("matching", "matching-service", 8002, "matching_db"));

  private final Path state;
  private final int portOffset;

  StackConfig(Path state, int portOffset) {
    this.state = state;
    this.portOffset = portOffset;
  }

  /** A service's port: its development port, shifted when a second stack runs beside the first (tests). */
  int port(StackService service) {
    return service.port() + portOffset;
  }

  /** The service built from a module. */
  static StackService service(String module) {
    return SERVICES.stream().filter(s -> s.module().equals(module)).findFirst()
      .orElseThrow(() -> new IllegalArgumentException("No service is built from module " + module));
  }

  Path state() {
    return state;
  }

  String secret(String file, Supplier<String> generate) {
    Path p = state.resolve(file);
    try {
      if (Files.exists(p)) {
        return Files.readString(p).trim();
      }
      Files.createDirectories(state);
      String value = generate.get();
      Files.writeString(p, value + "\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String randomToken() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Config shared by every service of the stack. */
  JsonObject shared(int pgPort, String redisUrl) {
    JsonObject c = new JsonObject()
      .put("DB_HOST", "localhost").put("DB_PORT", pgPort)
      .put("DB_USER", "postgres").put("SECRET_DB_PASSWORD", "postgres")
      .put("REDIS_URL", redisUrl)
      .put("DISCOVERY_MODE", "static")
      // Vite and nginx forward from this machine; every account of a local run signs up from it too.
      .put("TRUSTED_PROXIES", "127.0.0.1/32,::1/128")
      .put("SIGNUPS_PER_ADDRESS_PER_HOUR", 1000)
      // One JVM on a laptop serves a developer, not traffic: short start-up warm-ups keep the start quick.
      .put("CHAT_WARMUP_MESSAGES", 200)
      .put("COLLAB_WARMUP_PUSHES", 100)
      .put("SECRET_INTERNAL_TOKEN", secret("internal-token", StackConfig::randomToken))
      .put("SECRET_JWT_PRIVATE_KEY", secret("jwt-private-key.pem", () -> JwtKeys.privatePem(JwtKeys.generate())))
      .put("JWT_KEY_ID", secret("jwt-key-id", () -> "dev-" + randomToken().substring(0, 8)))
      .put("ADMIN_USERNAME", "admin")
      .put("ADMIN_EMAIL", "admin@peerprep.local")
      .put("SECRET_ADMIN_PASSWORD", secret("admin-password", StackConfig::randomToken));
    SERVICES.forEach(s -> c.put(Discovery.urlKey(s.name()), "http://localhost:" + port(s)));
    return c;
  }
}
