package peerprep.history;

import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;

/** Every configuration key the history-service reads, mapped once. */
public record HistoryConfig(int port, DbSettings db) {

  public static HistoryConfig from(Settings s) {
    
    return new HistoryConfig(s.port("PORT", 8000), DbSettings.from(s, "history_db"));
  }
}
