package peerprep.matching;

import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;
import peerprep.common.ws.HeartbeatSettings;
import peerprep.matching.queue.MatchRules;

/** Every configuration key the matching-service reads, mapped once. */
public record MatchingConfig(int port, DbSettings db, Settings settings, String internalToken, MatchRules rules,
                             HeartbeatSettings heartbeat, int historyConcurrency) {

  public static MatchingConfig from(Settings s) {
    s.uri("REDIS_URL");
    return new MatchingConfig(s.port("PORT", 8000), DbSettings.from(s, "matching_db"), s,
      s.string("SECRET_INTERNAL_TOKEN"), MatchRules.from(s), HeartbeatSettings.from(s),
      s.integer("MATCH_HISTORY_CONCURRENCY", 16, 1, 256));
  }
}
