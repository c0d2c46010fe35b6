package peerprep.collab;

import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.common.ws.HeartbeatSettings;

/** Every configuration key the collaboration-service reads, mapped once. */
public record CollabConfig(int port, Settings settings, String internalToken, Limits limits, Timing timing,
                           HeartbeatSettings heartbeat) {

  /** What one client may send and one session may hold. */
  public record Limits(int maxDocChars, int maxChangeChars, int maxFrameBytes, int maxMsgsPerSec, int maxCatchup,
                       int maxEdits, int maxLogBytes) {
  }

  /** Grace periods, timers and retention, all in milliseconds. */
  public record Timing(long abandonGraceMs, long heartbeatMs, long sweepMs, long retryBaseMs, long retryMaxMs,
                       long leaseMs, long historyTimeoutMs, long sessionTtlMs, long endedTtlMs) {

    /** A connection that missed this many heartbeats is treated as gone (its task died). */
    public long staleAfterMs() {
      return 3 * heartbeatMs + sweepMs;
    }
  }

  public static CollabConfig from(Settings s) {
    s.uri("REDIS_URL");
    Limits limits = new Limits(
      positive(s, "COLLAB_MAX_DOC_CHARS", 100_000),
      positive(s, "COLLAB_MAX_CHANGE_CHARS", 10_000),
      positive(s, "COLLAB_MAX_FRAME_BYTES", 128 * 1024),
      positive(s, "COLLAB_MAX_MSGS_PER_SEC", 30),
      positive(s, "COLLAB_MAX_CATCHUP", 500),
      positive(s, "COLLAB_MAX_EDITS", 20_000),
      positive(s, "COLLAB_MAX_LOG_BYTES", 7 * 1024 * 1024));
    Timing timing = new Timing(
      positive(s, "COLLAB_ABANDON_GRACE_MS", 120_000L),
      positive(s, "COLLAB_HEARTBEAT_MS", 5_000L),
      positive(s, "COLLAB_SWEEP_MS", 1_000L),
      positive(s, "COLLAB_RETRY_BASE_MS", 1_000L),
      positive(s, "COLLAB_RETRY_MAX_MS", 300_000L),
      positive(s, "COLLAB_FINALIZE_LEASE_MS", 30_000L),
      positive(s, "COLLAB_HISTORY_TIMEOUT_MS", 10_000L),
      positive(s, "COLLAB_SESSION_TTL_MS", 86_400_000L),
      positive(s, "COLLAB_ENDED_TTL_MS", 86_400_000L));
    if (timing.heartbeatMs() >= timing.abandonGraceMs()) {
      throw new ConfigException("Malformed configuration: COLLAB_HEARTBEAT_MS must be shorter than COLLAB_ABANDON_GRACE_MS");
    }
    return new CollabConfig(s.port("PORT", 8000), s, s.string("SECRET_INTERNAL_TOKEN"), limits, timing,
      HeartbeatSettings.from(s));
  }

  private static int positive(Settings s, String key, int fallback) {
    int v = s.integer(key, fallback);
    if (v <= 0) {
      throw new ConfigException("Malformed configuration: " + key + " must be a positive whole number, got " + v);
    }
    return v;
  }

  private static long positive(Settings s, String key, long fallback) {
    long v = s.millis(key, fallback);
    if (v <= 0) {
      throw new ConfigException("Malformed configuration: " + key + " must be a positive number of milliseconds, got " + v);
    }
    return v;
  }
}
