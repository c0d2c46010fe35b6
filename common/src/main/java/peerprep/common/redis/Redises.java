package peerprep.common.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import peerprep.common.config.Settings;

/** A Redis client from {@code REDIS_URL} (redis:// or rediss://) and {@code SECRET_REDIS_AUTH_TOKEN}. */
public final class Redises {
  private Redises() {
  }

  public static RedisOptions options(Settings s) {
    s.uri("REDIS_URL");
    RedisOptions options = new RedisOptions()
      .setType(RedisClientType.STANDALONE)
      .setConnectionString(s.string("REDIS_URL"))
      .setMaxPoolSize(s.integer("REDIS_POOL_SIZE", 16))
      .setMaxPoolWaiting(s.integer("REDIS_POOL_WAITING", 8192))
      .setMaxWaitingHandlers(4096);
    if (s.has("SECRET_REDIS_AUTH_TOKEN")) {
      options.setPassword(s.string("SECRET_REDIS_AUTH_TOKEN"));
    }
    return options;
  }

  public static Redis client(Vertx vertx, Settings s) {
    return Redis.createClient(vertx, options(s));
  }
}
