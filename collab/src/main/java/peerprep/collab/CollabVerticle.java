package peerprep.collab;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.collab.ending.Finalizer;
import peerprep.collab.ending.Sweeper;
import peerprep.collab.live.CollabSocket;
import peerprep.collab.live.Heartbeat;
import peerprep.collab.live.LoopbackWarmup;
import peerprep.collab.live.SessionHub;
import peerprep.collab.live.SocketGate;
import peerprep.collab.run.Runs;
import peerprep.collab.session.FinalizeRepository;
import peerprep.collab.session.Functions;
import peerprep.collab.session.PresenceRepository;
import peerprep.collab.session.SessionRepository;
import peerprep.common.auth.AccessControl;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.config.ConfigLoader;
import peerprep.common.discovery.Discovery;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.common.http.HttpTimeouts;
import peerprep.common.http.ServiceServer;
import peerprep.common.http.SocketServers;
import peerprep.common.redis.Redises;
import peerprep.common.ws.LoopbackPair;

import java.util.ArrayList;
import java.util.List;

/** Wiring of the collaboration-service: config, Redis, the socket hub, timers, routes, HTTP server. */
public final class CollabVerticle extends VerticleBase {
  /**
   * How many instances to deploy in one process, each with its own event loop, hub and Redis connections,
   * sharing the port: to the rest of the service they are tasks like any other.
   */
  public static final String INSTANCES = "COLLAB_INSTANCES";
  /** Pushes each warm-up editor makes before the task listens: enough for the JIT to compile the edit path. */
  static final String WARMUP_PUSHES = "COLLAB_WARMUP_PUSHES";
  static final int DEFAULT_WARMUP_PUSHES = 1_500;
  private static final long WARMUP_TIMEOUT_MS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(CollabVerticle.class);
  private LoopbackWarmup.Result warmup;
  private HttpServer server;
  private Redis redis;
  private Discovery discovery;
  private SessionHub hub;
  private AccessControl access;
  private Runs runs;
  private final List<Long> timers = new ArrayList<>();

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "collab", config())
      .map(CollabConfig::from)
      .compose(cfg -> Discovery.start(vertx, cfg.settings(), List.of("user-service", "history-service"))
        .compose(d -> {
          discovery = d;
          hub = new SessionHub(vertx, Redises.options(cfg.settings()));
          return hub.start().compose(v -> listen(cfg));
        }))
      .onSuccess(s -> server = s);
  }

  private Future<HttpServer> listen(CollabConfig cfg) {
    HealthCheckHandler health = Health.handler(vertx);
    redis = Redises.client(vertx, cfg.settings());
    Health.redis(health, redis);
    return Functions.of(redis).load().compose(f -> AccessControl.start(vertx, cfg.settings(), redis, JwksVerifier.fromDiscovery(vertx, discovery),
      "collaboration-service").compose(ac -> {
        access = ac;
        return listen(cfg, health, ac);
      }));
  }

  private Future<HttpServer> listen(CollabConfig cfg, HealthCheckHandler health, AccessControl access) {
    CollabConfig.Timing t = cfg.timing();
    JwksVerifier verifier = access.verifier();
    SessionRepository sessions = new SessionRepository(redis, t.sessionTtlMs(), t.abandonGraceMs());
    PresenceRepository presence = new PresenceRepository(redis, t.abandonGraceMs(), t.sessionTtlMs());
    SocketGate gate = new SocketGate(vertx, verifier, access.sockets(), sessions, presence, hub, cfg.limits(), cfg.heartbeat());
    SessionApi api = new SessionApi(sessions, verifier, cfg.internalToken());
    runs = Runs.create(vertx, cfg.settings(), t.sessionTtlMs(), redis, sessions, verifier);
    Heartbeat heartbeat = new Heartbeat(hub, presence);
    Finalizer finalizer = new Finalizer(new FinalizeRepository(redis, t.leaseMs(), t.endedTtlMs()), discovery,
      cfg.internalToken(), t);
    Sweeper sweeper = new Sweeper(presence, finalizer, t.staleAfterMs());
    timers.add(vertx.setPeriodic(t.heartbeatMs(), id -> heartbeat.beat()));
    timers.add(vertx.setPeriodic(t.sweepMs(), id -> sweeper.sweep()));
    return ServiceRouter.create(vertx, "collaboration-service", 64 * 1024, health, "openapi/collab.json", routes -> {
      api.mount(routes);
      runs.mount(routes);
      routes.plain("joinSession", gate::upgrade);
    }).compose(router -> warmUp(cfg, sessions, presence).map(router))
      .compose(router -> ServiceServer.listen(vertx, SocketServers.options(2 * cfg.limits().maxFrameBytes()),
        HttpTimeouts.from(cfg.settings()), router, cfg.port()));
  }

  /** Runs the loopback warm-up ({@code COLLAB_WARMUP_PUSHES} per editor); the task listens whatever comes of it. */
  private Future<Void> warmUp(CollabConfig cfg, SessionRepository sessions, PresenceRepository presence) {
    int pushes = cfg.settings().integer(WARMUP_PUSHES, DEFAULT_WARMUP_PUSHES, 0, 1_000_000);
    return LoopbackPair.warmUp(LOG,
        () -> LoopbackWarmup.run(vertx, sessions, presence, hub, cfg.limits(), cfg.heartbeat(), pushes, WARMUP_TIMEOUT_MS),
        r -> r.accepted() + " pushes accepted (" + r.conflicts() + " conflicts), both editors at version " + r.version())
      .onSuccess(r -> warmup = r)
      .mapEmpty();
  }

  /** What the start-up warm-up did, or null when it did not finish. */
  LoopbackWarmup.Result warmup() {
    return warmup;
  }

  /** The sockets this instance serves. */
  int sockets() {
    return hub == null ? 0 : hub.sockets().size();
  }

  /** Sockets are closed with 1001 and unregistered first, so their users show as reconnecting, not gone. */
  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    Future<?> sockets = hub == null ? Future.succeededFuture()
      : Future.join(hub.sockets().stream().map(CollabSocket::shutdown).toList());
    return sockets
      .eventually(() -> server == null ? Future.succeededFuture() : server.close())
      .eventually(() -> hub == null ? Future.succeededFuture() : hub.close())
      .eventually(() -> access == null ? Future.succeededFuture() : access.close())
      .eventually(() -> redis == null ? Future.succeededFuture() : redis.close())
      .andThen(v -> {
        if (runs != null) {
          runs.close();
        }
        if (discovery != null) {
          discovery.close();
        }
      });
  }
}
