package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.AccessControl;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.config.ConfigLoader;
import peerprep.common.discovery.Discovery;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.common.http.HttpTimeouts;
import peerprep.common.http.ServiceServer;
import peerprep.common.http.SocketServers;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.RedisSubscriber;
import peerprep.common.redis.Redises;
import peerprep.common.vocab.CloseCode;
import peerprep.common.ws.LoopbackPair;
import peerprep.common.ws.TurnFlush;

import java.util.List;

/** Wiring of the chat-service: config, storage, subscriber, consumer, routes, HTTP server. */
public final class ChatVerticle extends VerticleBase {
  /** How many instances a task deploys, each on its own event loop; unset, one per core. */
  public static final String INSTANCES = "CHAT_INSTANCES";
  private static final Logger LOG = LoggerFactory.getLogger(ChatVerticle.class);
  private HttpServer server;
  private Redis redis;
  private CommandConnection commands;
  private Discovery discovery;
  private SessionDirectory directory;
  private SessionHub hub;
  private RedisSubscriber subscriber;
  private SessionEndConsumer consumer;
  private Router router;
  private AccessControl access;
  /** Messages each warm-up socket sends before the task listens: enough for the JIT to compile the message path. */
  static final int DEFAULT_WARMUP_MESSAGES = 4_000;
  /** The presence refresh is spread over this many ticks per refresh interval. */
  static final int REFRESH_SLICES = 10;
  private static final long WARMUP_TIMEOUT_MS = 30_000;
  private int refreshTick;
  private LoopbackWarmup.Result warmup;
  private long heartbeat = -1;
  private long sweep = -1;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "chat", config())
      .map(ChatConfig::from)
      .compose(cfg -> Discovery.start(vertx, cfg.settings(), List.of("user-service", "collaboration-service", "history-service"))
        .compose(d -> {
          discovery = d;
          return wire(cfg);
        }));
  }

  private Future<HttpServer> wire(ChatConfig cfg) {
    redis = Redises.client(vertx, cfg.settings());
    commands = new CommandConnection(dedicatedClient(cfg));
    ChatRepository repository = new ChatRepository(commands, RedisFunctions.of(redis, ChatVerticle.class, "chat"), cfg);
    directory = new SessionDirectory(vertx, discovery, cfg);
    hub = new SessionHub(directory);
    subscriber = new RedisSubscriber(vertx, Redises.options(cfg.settings()), hub);
    hub.attach(subscriber);
    ChatContext chat = new ChatContext(vertx, cfg, repository, hub, directory, new TurnFlush(context));
    consumer = new SessionEndConsumer(vertx, dedicatedClient(cfg), new EndedSessionsRepository(redis), repository,
      new TranscriptSender(vertx, discovery, cfg), cfg);
    heartbeat = vertx.setPeriodic(Math.max(1, cfg.presenceTtlMs() / 3 / REFRESH_SLICES), id -> refreshSlice(repository));
    sweep = vertx.setPeriodic(cfg.presenceTtlMs() / 4, id -> repository.sweepPresence(System.currentTimeMillis())
      .onFailure(e -> LOG.warn("Sweeping lapsed presence failed: {}", e.getMessage())));
    HealthCheckHandler health = Health.redis(Health.handler(vertx), redis);
    health.register("redis-pubsub", Health.CHECK_TIMEOUT_MS,
      p -> p.complete(subscriber.connected() ? Status.OK() : Status.KO()));
    return repository.loadFunctions()
      .compose(v -> AccessControl.start(vertx, cfg.settings(), redis, JwksVerifier.fromDiscovery(vertx, discovery), "chat-service"))
      .compose(ac -> {
        access = ac;
        ChatApi api = new ChatApi(ac.verifier(), ac.sockets(), directory, chat);
        return ServiceRouter.create(vertx, "chat-service", 64 * 1024, health, "openapi/chat.json", api::mount);
      })
      .compose(built -> {
        router = built;
        return subscriber.start();
      })
      .compose(v -> consumer.start())
      .compose(v -> warmUp(chat, cfg))
      .compose(v -> ServiceServer.listen(vertx, SocketServers.options(64 * 1024), HttpTimeouts.from(cfg.settings()),
        router, cfg.port()))
      .onSuccess(s -> server = s);
  }

  /**
   * Refreshes the presence of one slice of this instance's sockets (each always in the same slice, by its
   * member), so every socket is refreshed once per third of the TTL and no tick sends the whole task's
   * refresh at once in front of the messages on the command connection.
   */
  private void refreshSlice(ChatRepository repository) {
    int slice = refreshTick;
    refreshTick = (refreshTick + 1) % REFRESH_SLICES;
    List<ChatRepository.PresenceEntry> due = hub.presenceMembers().stream()
      .filter(e -> Math.floorMod(e.member().hashCode(), REFRESH_SLICES) == slice).toList();
    if (!due.isEmpty()) {
      repository.refresh(due, System.currentTimeMillis())
        .onFailure(e -> LOG.debug("Refreshing presence failed: {}", e.getMessage()));
    }
  }

  /** Runs the loopback warm-up ({@code CHAT_WARMUP_MESSAGES} per socket); the task listens whatever comes of it. */
  private Future<Void> warmUp(ChatContext chat, ChatConfig cfg) {
    int messages = cfg.settings().integer("CHAT_WARMUP_MESSAGES", DEFAULT_WARMUP_MESSAGES, 0, 1_000_000);
    return LoopbackPair.warmUp(LOG, () -> LoopbackWarmup.run(vertx, chat, messages, WARMUP_TIMEOUT_MS),
        r -> r.acked() + " messages acknowledged and " + r.delivered() + " delivered")
      .onSuccess(r -> warmup = r)
      .mapEmpty();
  }

  /** Chat commands, pub/sub and blocking reads each hold a connection of their own, outside the shared pool. */
  private Redis dedicatedClient(ChatConfig cfg) {
    return Redis.createClient(vertx, Redises.options(cfg.settings()).setMaxPoolSize(1).setMaxWaitingHandlers(32_768));
  }

  /** What the start-up warm-up did, or null when it did not finish. */
  LoopbackWarmup.Result warmup() {
    return warmup;
  }

  Router router() {
    return router;
  }

  int port() {
    return server.actualPort();
  }

  /** How many sockets this instance holds, read on its own event loop. */
  Future<Integer> sockets() {
    return Future.future(p -> context.runOnContext(v -> p.complete(hub.sockets())));
  }

  @Override
  public Future<?> stop() {
    if (heartbeat >= 0) {
      vertx.cancelTimer(heartbeat);
      vertx.cancelTimer(sweep);
    }
    if (hub != null) {
      hub.closeAll(CloseCode.GOING_AWAY, "The chat server is restarting; reconnect with ?after=<last id>.");
    }
    Future<Void> closing = server == null ? Future.succeededFuture() : server.close();
    return closing
      .eventually(() -> consumer == null ? Future.succeededFuture() : consumer.stop())
      .eventually(() -> subscriber == null ? Future.succeededFuture() : subscriber.close())
      .eventually(() -> access == null ? Future.succeededFuture() : access.close())
      .eventually(() -> commands == null ? Future.succeededFuture() : commands.close())
      .eventually(() -> {
        if (directory != null) {
          directory.close();
        }
        if (discovery != null) {
          discovery.close();
        }
        return redis == null ? Future.succeededFuture() : redis.close();
      });
  }
}
