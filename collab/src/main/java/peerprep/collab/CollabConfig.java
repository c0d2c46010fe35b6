package peerprep.collab;

import peerprep.common.config.Settings;

/** Every configuration key the collaboration-service reads, mapped once. */
public record CollabConfig(int port, Settings redis) {

  public static CollabConfig from(Settings s) {
    s.uri("REDIS_URL");
    return new CollabConfig(s.port("PORT", 8000), s);
  }
}
