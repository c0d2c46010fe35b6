package peerprep.user;

import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;

/** Every configuration key the user-service reads, mapped once. */
public record UserConfig(int port, DbSettings db, Settings redis) {

  public static UserConfig from(Settings s) {
    s.uri("REDIS_URL");
    return new UserConfig(s.port("PORT", 8000), DbSettings.from(s, "user_db"), s);
  }
}
