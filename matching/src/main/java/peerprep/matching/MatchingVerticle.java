package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import peerprep.common.auth.AccessControl;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.config.ConfigLoader;
import peerprep.common.db.Databases;
import peerprep.common.discovery.Discovery;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.common.http.HttpTimeouts;
import peerprep.common.http.ServiceServer;
import peerprep.common.http.SocketServers;
import peerprep.common.redis.Redises;

import java.util.List;
import java.util.UUID;

/** Wiring of the matching-service: config, storage, queue, sweeper, routes, HTTP server. */
public final class MatchingVerticle extends VerticleBase {
  /** History look-ups that may wait for a free slot; beyond that a pair is matched without exclusions. */
  private static final int MAX_WAITING_LOOKUPS = 10_000;
  private static final int NETTY_FRAME_LIMIT = 64 * 1024;
  private final SocketHub hub = new SocketHub();
  private HttpServer server;
  private Pool pool;
  private Redis redis;
  private Discovery discovery;
  private PeerClients peerClients;
  private TaskChannel channel;
  private Sweeper sweeper;
  private Matchmaker matchmaker;
  private MatchQueue queue;
  private Router router;
  private AccessControl access;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "matching", config())
      .map(MatchingConfig::from)
      .compose(cfg -> Databases.migrate(vertx, cfg.db(), "matching").map(cfg))
      .compose(cfg -> Discovery.start(vertx, cfg.settings(),
          List.of("user-service", Peers.QUESTION, Peers.HISTORY, Peers.COLLABORATION))
        .onSuccess(d -> discovery = d).map(cfg))
      .compose(this::wire);
  }

  private Future<HttpServer> wire(MatchingConfig cfg) {
    HealthCheckHandler health = storage(cfg);
    queue = new MatchQueue(redis, cfg.rules(), UUID.randomUUID().toString());
    peerClients = new PeerClients(vertx, discovery, cfg.rules().peerTimeoutMs());
    matchmaker = new Matchmaker(queue, new Peers(peerClients, cfg.internalToken(), cfg.rules().peerTimeoutMs(),
      new BoundedCalls(cfg.historyConcurrency(), MAX_WAITING_LOOKUPS)),
      new MatchRepository(pool));
    channel = new TaskChannel(vertx, Redis.createClient(vertx, Redises.options(cfg.settings()).setMaxPoolSize(1)),
      queue.channel(), hub);
    health.register("redis-subscription", Health.CHECK_TIMEOUT_MS,
      p -> p.complete(channel.subscribed() ? Status.OK() : Status.KO()));
    sweeper = new Sweeper(vertx, queue, matchmaker, hub, cfg.rules().sweepIntervalMs());
    return AccessControl.start(vertx, cfg.settings(), redis, JwksVerifier.fromDiscovery(vertx, discovery), "matching-service")
      .compose(ac -> {
        access = ac;
        MatchApi api = new MatchApi(vertx, cfg.heartbeat(), queue, matchmaker, hub, ac.verifier(), ac.sockets());
        router = ServiceRouter.createUnvalidated(vertx, "matching-service", 64 * 1024, health, "openapi/matching.json", api::mount);
        return queue.heartbeat();
      })
      .compose(v -> channel.start())
      .compose(v -> listen(HttpTimeouts.from(cfg.settings()), cfg.port()))
      .onSuccess(s -> sweeper.start());
  }

  private HealthCheckHandler storage(MatchingConfig cfg) {
    HealthCheckHandler health = Health.handler(vertx);
    pool = Databases.pool(vertx, cfg.db());
    Health.postgres(health, pool);
    redis = Redises.client(vertx, cfg.settings());
    Health.redis(health, redis);
    return health;
  }

  private Future<HttpServer> listen(HttpTimeouts timeouts, int port) {
    // frames are limited to 4096 characters by the socket, which answers with 1009; this is only a backstop
    return ServiceServer.listen(vertx, SocketServers.options(NETTY_FRAME_LIMIT), timeouts, router, port).onSuccess(s -> server = s);
  }

  /** The router, for tests that compare its routes with the OpenAPI document. */
  Router router() {
    return router;
  }

  /** The port the service listens on. */
  int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    if (sweeper != null) {
      sweeper.stop();
    }
    hub.stopping();
    List<Future<Void>> closing = hub.sockets().stream().map(MatchSocket::goAway).toList();
    Future<Void> drained = Future.join(closing).otherwiseEmpty()
      .compose(v -> matchmaker == null ? Future.succeededFuture() : matchmaker.drain());
    // once the task's key is gone every socket it held counts as disconnected, and the grace starts
    return drained
      .compose(v -> queue == null ? Future.succeededFuture() : queue.leave().otherwiseEmpty())
      .compose(v -> server == null ? Future.succeededFuture() : server.close())
      .compose(v -> pool == null ? Future.succeededFuture() : pool.close())
      .compose(v -> access == null ? Future.succeededFuture() : access.close())
      .andThen(v -> {
        if (channel != null) {
          channel.stop();
        }
        if (peerClients != null) {
          peerClients.close();
        }
        if (discovery != null) {
          discovery.close();
        }
        if (redis != null) {
          redis.close();
        }
      });
  }
}
