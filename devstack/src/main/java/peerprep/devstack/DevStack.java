package peerprep.devstack;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.collab.CollabVerticle;
import peerprep.common.app.ServiceMain;
import peerprep.common.config.Settings;
import peerprep.testkit.EmbeddedDatabases;
import peerprep.testkit.EmbeddedRedis;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The whole PeerPrep backend in one JVM for development and end-to-end tests: embedded PostgreSQL and
 * Redis, a database per service, every service on its development port. Ctrl-C stops everything.
 */
public final class DevStack {
  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);
  private static final Map<String, Supplier<VerticleBase>> VERTICLES = Map.of(
    "user", peerprep.user.UserVerticle::new,
    "question", peerprep.question.QuestionVerticle::new,
    "matching", peerprep.matching.MatchingVerticle::new,
    "history", peerprep.history.HistoryVerticle::new,
    "collab", CollabVerticle::new,
    "chat", peerprep.chat.ChatVerticle::new,
    "execution", peerprep.execution.ExecutionVerticle::new);

  private DevStack() {
  }

  public static void main(String[] args) throws InterruptedException {
    Path state = Path.of(System.getProperty("peerprep.state", ".devstack"));
    int offset = Integer.getInteger("peerprep.portOffset", 0);
    int pgPort = Integer.getInteger("peerprep.pgPort", 54329 - offset / 10);
    int redisPort = Integer.getInteger("peerprep.redisPort", 63799 - offset / 10);
    StackConfig stack = new StackConfig(state.toAbsolutePath(), offset);
    Vertx vertx = Vertx.builder().with(new io.vertx.core.VertxOptions().setMetricsOptions(ServiceMain.metricsOptions())).build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping the PeerPrep stack");
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
        .exceptionally(e -> null).join();
      EmbeddedRedis.stop();
      EmbeddedDatabases.stop();
      stopped.countDown();
    }));
    try {
      start(vertx, stack, pgPort, redisPort).await();
    } catch (Exception e) {
      LOG.error("The stack did not start: {}", e.getMessage());
      System.exit(1);
    }
    System.out.println();
    System.out.println("PeerPrep is up:");
    StackConfig.SERVICES.forEach(s -> System.out.printf("  %-22s http://localhost:%d/health%n", s.name(), stack.port(s)));
    System.out.printf("  %-22s postgresql://postgres@localhost:%d  redis://localhost:%d%n", "storage", pgPort, redisPort);
    System.out.println("  admin login: username 'admin', password in " + state.resolve("admin-password"));
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
  }

  private static Settings environment() {
    return new Settings(new JsonObject(new HashMap<String, Object>(System.getenv())));
  }

  /** Running code needs a sandbox the host may not allow; without it the rest of the stack still works. */
  private static Future<String> optional(String service, Throwable err) {
    if (!"execution".equals(service)) {
      return Future.failedFuture(err);
    }
    LOG.warn("execution-service did not start, so the Run button will answer that the runner cannot be reached: {}",
      err.getMessage());
    return Future.succeededFuture("");
  }

  static Future<Void> start(Vertx vertx, StackConfig stack, int pgPort, int redisPort) {
    return vertx.executeBlocking(() -> {
      System.setProperty("ot.epg.working-dir", stack.state().resolve("pg-bin").toString());
      EmbeddedDatabases.server(pgPort, stack.state().resolve("pgdata"));
      StackConfig.SERVICES.forEach(s -> s.db().ifPresent(EmbeddedDatabases::ensureDatabase));
      return EmbeddedRedis.url(redisPort);
    }).compose(redisUrl -> {
      JsonObject shared = stack.shared(pgPort, redisUrl);
      Future<?> chain = Future.succeededFuture();
      for (StackService s : StackConfig.SERVICES) {
        JsonObject config = shared.copy().put("PORT", stack.port(s));
        s.db().ifPresent(db -> config.put("DB_NAME", db));
        if ("execution".equals(s.module())) {
          // each stack on the machine gets its own range of sandbox users, so one never reaps another's runs
          config.put("EXECUTION_SANDBOX_UID", 100_000 + stack.port(s) - 8007);
        }
        Supplier<VerticleBase> verticle = VERTICLES.get(s.module());
        int instances = "collab".equals(s.module()) ? ServiceMain.instances(environment(), CollabVerticle.INSTANCES) : 1;
        chain = chain.compose(v -> vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config).setInstances(instances))
          .onSuccess(id -> LOG.info("{} listening on {}{}", s.name(), stack.port(s),
            instances > 1 ? " (" + instances + " instances)" : ""))
          .recover(err -> optional(s.module(), err)));
      }
      return chain.mapEmpty();
    });
  }
}
