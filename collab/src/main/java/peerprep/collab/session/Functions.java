package peerprep.collab.session;

import io.vertx.redis.client.Redis;
import peerprep.common.redis.RedisFunctions;

/** The service's Redis Functions library, {@code redis/collab.lua}: one function per operation. */
public final class Functions {
  private Functions() {
  }

  /** The library on {@code redis}; {@link RedisFunctions#load} it at start-up. */
  public static RedisFunctions of(Redis redis) {
    return RedisFunctions.of(redis, Functions.class, "collab");
  }
}
