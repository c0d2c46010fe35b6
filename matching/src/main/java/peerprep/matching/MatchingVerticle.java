package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import peerprep.common.http.HttpTimeouts;
import peerprep.common.http.ServiceRouter;
import peerprep.common.http.ServiceServer;
import peerprep.common.http.SocketServers;
import peerprep.common.redis.Redises;
import peerprep.matching.live.SocketHub;
import peerprep.matching.making.Intake;
import peerprep.matching.making.MatchRepository;
import peerprep.matching.making.Matchmaker;
import peerprep.matching.peers.BoundedCalls;
import peerprep.matching.peers.PeerClients;
import peerprep.matching.peers.Peers;
import peerprep.matching.queue.MatchQueue;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Wiring of the matching-service: config, storage, queue, sweeper, routes, HTTP server. */
public final class MatchingVerticle extends VerticleBase {
  /** History look-ups that may wait for a free slot; beyond that a pair is matched without exclusions. */
  private static final int MAX_WAITING_LOOKUPS = 10_000;
  private static final int NETTY_FRAME_LIMIT = 64 * 1024;
  private HttpServer server;
  private Pool pool;
  private Redis redis;
  private Discovery discovery;
  private PeerClients peerClients;
  private SocketHub hub;
  private Sweeper sweeper;
  private Matchmaker matchmaker;
  private MatchQueue queue;
  private Router router;
  private AccessControl access;
  private final Clock clock;

  /** A task on the system clock. */
  public MatchingVerticle() {
    this(Clock.systemUTC());
  }

  /** A task whose queue reads the time from {@code clock}, so tests can move it. */
  public MatchingVerticle(Clock clock) {
    this.clock = clock;
  }

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
    queue = new MatchQueue(redis, cfg.rules(), UUID.randomUUID().toString(), clock);
    peerClients = new PeerClients(vertx, discovery, cfg.rules().peerTimeoutMs());
    MatchRepository repository = new MatchRepository(pool);
    matchmaker = new Matchmaker(queue, new Peers(peerClients, cfg.internalToken(), cfg.rules().peerTimeoutMs(),
      new BoundedCalls(cfg.historyConcurrency(), MAX_WAITING_LOOKUPS)), repository);
    Intake intake = new Intake(queue, repository);
    hub = new SocketHub(vertx, Redises.options(cfg.settings()), queue.channel());
    health.register("redis-subscription", Health.CHECK_TIMEOUT_MS,
      p -> p.complete(hub.subscribed() ? Status.OK() : Status.KO()));
    sweeper = new Sweeper(vertx, queue, matchmaker, hub, cfg.rules().sweepIntervalMs());
    return AccessControl.start(vertx, cfg.settings(), redis, JwksVerifier.fromDiscovery(vertx, discovery), "matching-service")
      .compose(ac -> {
        access = ac;
        MatchApi api = new MatchApi(vertx, cfg.heartbeat(), queue, intake, matchmaker, hub, ac.verifier(), ac.sockets());
        return ServiceRouter.create(vertx, "matching-service", 64 * 1024, health, "openapi/matching.json", api::mount);
      })
      .compose(built -> {
        router = built;
        return queue.load().compose(v -> queue.heartbeat());
      })
      .compose(v -> hub.start())
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

  /** Runs a sweep on this task's event loop now (after any under way), for tests that move the clock. */
  Future<Void> sweepNow() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> sweeper.sweep().onComplete(done));
    return done.future();
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
    Future<Void> drained = (hub == null ? Future.<Void>succeededFuture() : hub.stopping())
      .compose(v -> matchmaker == null ? Future.succeededFuture() : matchmaker.drain());
    // once the task's key is gone every socket it held counts as disconnected, and the grace starts
    return drained
      .compose(v -> queue == null ? Future.succeededFuture() : queue.leave().otherwiseEmpty())
      .compose(v -> server == null ? Future.succeededFuture() : server.close())
      .compose(v -> pool == null ? Future.succeededFuture() : pool.close())
      .compose(v -> access == null ? Future.succeededFuture() : access.close())
      .compose(v -> hub == null ? Future.succeededFuture() : hub.close().otherwiseEmpty())
      .andThen(v -> {
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
