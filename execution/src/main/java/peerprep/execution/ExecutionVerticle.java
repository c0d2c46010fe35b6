package peerprep.execution;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import peerprep.common.config.ConfigLoader;
import peerprep.common.health.Health;
import peerprep.common.http.ServiceRouter;
import peerprep.execution.sandbox.Sandbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wiring of the execution-service: config, the sandbox (proved to work on this host), the run queue, routes. */
public final class ExecutionVerticle extends VerticleBase {
  private HttpServer server;
  private RunQueue queue;
  private ExecutorService readers;
  private long reportMs;
  private long reportTimer = -1;

  @Override
  public Future<?> start() {
    return ConfigLoader.load(vertx, "execution", config())
      .map(settings -> {
        reportMs = QueueReport.intervalMs(settings);
        return ExecutionConfig.from(settings);
      })
      .compose(cfg -> {
        readers = Executors.newCachedThreadPool(r -> {
          Thread t = new Thread(r, "execution-output");
          t.setDaemon(true);
          return t;
        });
        Sandbox sandbox = new Sandbox(cfg.sandbox(), readers);
        return vertx.executeBlocking(sandbox::probe).compose(probe -> probe.exitCode() == 0
          ? listen(cfg, sandbox)
          : Future.failedFuture(new IllegalStateException("The " + cfg.sandbox().mode().name().toLowerCase()
            + " sandbox does not work on this host (exit " + probe.exitCode() + "): " + probe.stderr().strip())));
      })
      .recover(e -> stop().transform(ar -> Future.<HttpServer>failedFuture(e)));
  }

  private Future<HttpServer> listen(ExecutionConfig cfg, Sandbox sandbox) {
    queue = new RunQueue(vertx, sandbox, cfg.parallelRuns(), cfg.queueSize());
    reportTimer = QueueReport.start(vertx, reportMs, queue::running, queue::waiting, cfg.parallelRuns(),
      cfg.parallelRuns() + cfg.queueSize());
    HealthCheckHandler health = Health.handler(vertx);
    health.register("runs", Health.CHECK_TIMEOUT_MS, p -> p.complete(Status.OK(new io.vertx.core.json.JsonObject()
      .put("running", queue.running()).put("queued", queue.waiting()))));
    ExecutionApi api = new ExecutionApi(queue, cfg);
    return ServiceRouter.create(vertx, "execution-service", cfg.bodyLimit(), health, "openapi/execution.json", api::mount)
      .compose(router -> vertx.createHttpServer().requestHandler(router).listen(cfg.port()))
      .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(reportTimer);
    return (server == null ? Future.succeededFuture() : server.close())
      .eventually(() -> queue == null ? Future.succeededFuture() : queue.close())
      .andThen(ar -> {
        if (readers != null) {
          readers.shutdownNow();
        }
      });
  }
}
