package peerprep.history;

import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;

/** Every configuration key the history-service reads, mapped once. */
public record HistoryConfig(int port, DbSettings db, String internalToken, Limits limits) {
  static final int DEFAULT_MAX_CODE_CHARS = 100_000;
  static final int DEFAULT_MAX_EDITS = 20_000;

  public static HistoryConfig from(Settings s) {
    Limits limits = new Limits(
      positive(s, "HISTORY_MAX_CODE_CHARS", DEFAULT_MAX_CODE_CHARS),
      positive(s, "HISTORY_MAX_EDITS", DEFAULT_MAX_EDITS),
      Limits.MAX_MESSAGES,
      Limits.MAX_MESSAGE_CHARS);
    return new HistoryConfig(s.port("PORT", 8000), DbSettings.from(s, "history_db"),
      s.string("SECRET_INTERNAL_TOKEN"), limits);
  }

  private static int positive(Settings s, String key, int fallback) {
    int n = s.integer(key, fallback);
    if (n <= 0) {
      throw new ConfigException("Malformed configuration: " + key + " must be a positive whole number, got " + n);
    }
    return n;
  }
}
