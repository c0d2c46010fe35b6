package peerprep.common.redis;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import peerprep.common.config.Settings;

/**
 * A Redis client from {@code REDIS_URL} (redis:// or rediss://) and {@code SECRET_REDIS_AUTH_TOKEN}.
 * A {@code rediss://} URL opens TLS with the server name sent (SNI) and the certificate checked against
 * that name; the certificate must chain to the JVM's trust store (ElastiCache's does) or to the PEM file
 * named by {@code REDIS_TLS_CA_FILE}.
 */
public final class Redises {
  /** How long a connection attempt may take, TLS handshake included. */
  public static final int CONNECT_TIMEOUT_MS = 5000;

  private Redises() {
  }

  public static RedisOptions options(Settings s) {
    String url = s.uri("REDIS_URL").toString();
    RedisOptions options = new RedisOptions()
      .setType(RedisClientType.STANDALONE)
      .setConnectionString(s.string("REDIS_URL"))
      .setMaxPoolSize(s.integer("REDIS_POOL_SIZE", 16))
      .setMaxPoolWaiting(s.integer("REDIS_POOL_WAITING", 8192))
      .setMaxWaitingHandlers(4096)
      .setNetClientOptions(netOptions(s, url.startsWith("rediss://")));
    if (s.has("SECRET_REDIS_AUTH_TOKEN")) {
      options.setPassword(s.string("SECRET_REDIS_AUTH_TOKEN"));
    }
    return options;
  }

  private static NetClientOptions netOptions(Settings s, boolean tls) {
    NetClientOptions net = new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS).setTcpKeepAlive(true);
    if (!tls) {
      return net;
    }
    net.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
    if (s.has("REDIS_TLS_CA_FILE")) {
      net.setTrustOptions(new PemTrustOptions().addCertPath(s.string("REDIS_TLS_CA_FILE")));
    }
    return net;
  }

  public static Redis client(Vertx vertx, Settings s) {
    return Redis.createClient(vertx, options(s));
  }
}
