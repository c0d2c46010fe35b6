package peerprep.collab.run;

import peerprep.common.config.Settings;
import peerprep.common.discovery.Discovery;

/**
 * The keys of running code in a session. Runs are on when the execution service can be found: always
 * with DNS discovery, with static discovery only when {@code EXECUTION_SERVICE_URL} is set.
 */
record RunConfig(boolean enabled, int quota, long timeoutMs, int maxStdinBytes, long keepMs) {
  static final String SERVICE = "execution-service";

  static RunConfig from(Settings s, long sessionTtlMs) {
    boolean dns = "dns".equalsIgnoreCase(s.string("DISCOVERY_MODE", "static"));
    return new RunConfig(dns || s.has(Discovery.urlKey(SERVICE)),
      s.integer("COLLAB_RUNS_PER_SESSION", 100, 1, 100_000),
      s.integer("COLLAB_RUN_TIMEOUT_MS", 60_000, 1000, 600_000),
      s.integer("COLLAB_RUN_MAX_STDIN_BYTES", 64 * 1024, 0, 4 * 1024 * 1024),
      sessionTtlMs);
  }
}
