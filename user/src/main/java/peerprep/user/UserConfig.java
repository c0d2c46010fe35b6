package peerprep.user;

import peerprep.common.abuse.TrustedProxies;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;
import peerprep.common.http.ApiException;

/** Every configuration key the user-service reads, mapped once. */
public record UserConfig(int port, DbSettings db, Settings settings, String internalToken, SigningKey signing,
                         int accessTokenTtl, int refreshTokenTtl, int refreshReuseGrace, Hashing hashing,
                         Throttle throttle, Outbox outbox, AdminSeed admin) {

  public static UserConfig from(Settings s) {
    s.uri("REDIS_URL");
    return new UserConfig(
      s.port("PORT", 8000),
      DbSettings.from(s, "user_db"),
      s,
      s.string("SECRET_INTERNAL_TOKEN"),
      SigningKey.from(s),
      atLeast(s, "ACCESS_TOKEN_TTL_SECONDS", 900, 1),
      atLeast(s, "REFRESH_TOKEN_TTL_SECONDS", 30 * 24 * 3600, 60),
      atLeast(s, "REFRESH_REUSE_GRACE_SECONDS", 20, 0),
      Hashing.from(s),
      Throttle.from(s),
      Outbox.from(s),
      AdminSeed.from(s));
  }

  static int atLeast(Settings s, String key, int fallback, int min) {
    int v = s.integer(key, fallback);
    if (v < min) {
      throw new ConfigException("Malformed configuration: " + key + " must be at least " + min + ", got " + v);
    }
    return v;
  }

  /**
   * Argon2id cost and the threads that hash. The defaults are one of the equivalent settings the OWASP
   * Password Storage Cheat Sheet recommends, the one that signed in the most users per second on the
   * benchmark machine (docs/benchmarks/user.md); one hashing thread per core.
   */
  public record Hashing(int memoryKib, int iterations, int parallelism, int workers) {
    public static final int MEMORY_KIB = 7168;
    public static final int ITERATIONS = 5;

    static Hashing from(Settings s) {
      int parallelism = atLeast(s, "ARGON2_PARALLELISM", 1, 1);
      return new Hashing(atLeast(s, "ARGON2_MEMORY_KIB", MEMORY_KIB, 8 * parallelism),
        atLeast(s, "ARGON2_ITERATIONS", ITERATIONS, 1), parallelism,
        atLeast(s, "ARGON2_WORKERS", Runtime.getRuntime().availableProcessors(), 1));
    }
  }

  /**
   * Failed-login and sign-up limits, counted in Redis so every task sees the same numbers, and the proxies
   * whose X-Forwarded-For names the client's address.
   */
  public record Throttle(int maxPerAccount, int maxPerAddress, int maxAccountsPerAddress, int windowSeconds,
                         int signUpsPerAddressPerHour, TrustedProxies proxies) {
    static Throttle from(Settings s) {
      return new Throttle(atLeast(s, "LOGIN_MAX_FAILURES_PER_ACCOUNT", 5, 1),
        atLeast(s, "LOGIN_MAX_FAILURES_PER_ADDRESS", 30, 1),
        atLeast(s, "LOGIN_MAX_ACCOUNTS_PER_ADDRESS", 10, 1),
        atLeast(s, "LOGIN_FAILURE_WINDOW_SECONDS", 900, 1),
        atLeast(s, "SIGNUPS_PER_ADDRESS_PER_HOUR", 10, 1),
        TrustedProxies.parse(s.string("TRUSTED_PROXIES", "")));
    }
  }

  /** How the account-deletion outbox is drained: poll interval, exponential backoff, call timeout. */
  public record Outbox(long intervalMs, long backoffBaseMs, long backoffMaxMs, long timeoutMs) {
    static Outbox from(Settings s) {
      long base = Math.max(1, s.millis("OUTBOX_BACKOFF_BASE_MS", 2_000));
      return new Outbox(Math.max(10, s.millis("OUTBOX_INTERVAL_MS", 5_000)), base,
        Math.max(base, s.millis("OUTBOX_BACKOFF_MAX_MS", 600_000)), Math.max(1, s.millis("HISTORY_TIMEOUT_MS", 5_000)));
    }
  }

  /** The first admin, created at start-up when no admin exists; null when none is configured. */
  public record AdminSeed(String username, String email, String password) {
    static final String USERNAME = "ADMIN_USERNAME";
    static final String EMAIL = "ADMIN_EMAIL";
    static final String PASSWORD = "SECRET_ADMIN_PASSWORD";

    static AdminSeed from(Settings s) {
      if (!s.has(USERNAME) && !s.has(EMAIL) && !s.has(PASSWORD)) {
        return null;
      }
      String username = checked(USERNAME, () -> Registration.username(s.string(USERNAME)));
      String email = checked(EMAIL, () -> Registration.email(s.string(EMAIL)));
      String password = s.string(PASSWORD);
      checked(PASSWORD, () -> {
        PasswordPolicy.check(password, username, email);
        return password;
      });
      return new AdminSeed(username, email, password);
    }

    private static String checked(String key, java.util.function.Supplier<String> value) {
      try {
        return value.get();
      } catch (ApiException e) {
        throw new ConfigException("Malformed configuration: " + key + " is not acceptable: " + e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "AdminSeed[" + username + ", " + email + "]";
    }
  }
}
