package peerprep.matching.queue;

import io.vertx.core.json.JsonObject;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

/** The timing rules of the queue, all in milliseconds. */
public record MatchRules(long relaxAfterMs, long timeoutMs, long graceMs, long sweepIntervalMs, long retryBackoffMs,
                         long jobLeaseMs, long resultTtlMs, long peerTimeoutMs) {

  public static MatchRules from(Settings s) {
    MatchRules rules = new MatchRules(
      s.millis("MATCH_RELAX_AFTER_MS", 20_000),
      s.millis("MATCH_TIMEOUT_MS", 60_000),
      s.millis("MATCH_DISCONNECT_GRACE_MS", 5_000),
      s.millis("MATCH_SWEEP_INTERVAL_MS", 1_000),
      s.millis("MATCH_RETRY_BACKOFF_MS", 2_000),
      s.millis("MATCH_JOB_LEASE_MS", 15_000),
      s.millis("MATCH_RESULT_TTL_MS", 120_000),
      s.millis("MATCH_PEER_TIMEOUT_MS", 3_000));
    rules.check();
    return rules;
  }

  private void check() {
    if (timeoutMs < 1_000) {
      throw new ConfigException("Malformed configuration: MATCH_TIMEOUT_MS must be at least 1000, got " + timeoutMs);
    }
    if (sweepIntervalMs < 10 || sweepIntervalMs > 60_000) {
      throw new ConfigException("Malformed configuration: MATCH_SWEEP_INTERVAL_MS must be between 10 and 60000, got "
        + sweepIntervalMs);
    }
    if (peerTimeoutMs < 100) {
      throw new ConfigException("Malformed configuration: MATCH_PEER_TIMEOUT_MS must be at least 100, got "
        + peerTimeoutMs);
    }
    // a match job makes three rounds of peer calls; a shorter lease would let a second task start it meanwhile
    if (jobLeaseMs <= 3 * peerTimeoutMs) {
      throw new ConfigException("Malformed configuration: MATCH_JOB_LEASE_MS must exceed three times "
        + "MATCH_PEER_TIMEOUT_MS (" + 3 * peerTimeoutMs + "), got " + jobLeaseMs);
    }
    if (resultTtlMs < 1_000) {
      throw new ConfigException("Malformed configuration: MATCH_RESULT_TTL_MS must be at least 1000, got "
        + resultTtlMs);
    }
  }

  /** How long a task's sockets still count after its last heartbeat. */
  public long taskTtlMs() {
    return Math.max(3 * sweepIntervalMs, 2_000);
  }

  /** The rules as the queue's functions read them. */
  JsonObject toFunctions() {
    return new JsonObject().put("relaxAfter", relaxAfterMs).put("timeout", timeoutMs).put("grace", graceMs)
      .put("jobLease", jobLeaseMs).put("retention", resultTtlMs).put("backoff", retryBackoffMs);
  }
}
