package peerprep.execution;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.Assumptions;
import peerprep.testkit.EmbeddedRedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The execution-service deployed on a free port with its own runs directory, and a client aimed at it. */
final class TestService {
  final Vertx vertx;
  final WebClient client;
  final Path runsDir;
  final JsonObject config;
  ExecutionVerticle verticle;
  private String deployment;

  private TestService(Vertx vertx, JsonObject config, Path runsDir) {
    this.vertx = vertx;
    this.config = config;
    this.runsDir = runsDir;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(config.getInteger("PORT")).setIdleTimeout(120));
  }

  /** Short limits, so tests whose point is a limit stay fast. */
  static JsonObject shortLimits() {
    return new JsonObject()
      .put("EXECUTION_CPU_SECONDS", 2)
      .put("EXECUTION_WALL_MS", 5000)
      .put("EXECUTION_MAX_FILE_BYTES", 1024 * 1024)
      .put("EXECUTION_MAX_OUTPUT_BYTES", 16 * 1024)
      .put("EXECUTION_MAX_PROCESSES", 32)
      .put("EXECUTION_PARALLEL_RUNS", 2)
      .put("EXECUTION_QUEUE_SIZE", 8);
  }

  static TestService start(Vertx vertx, JsonObject overrides) {
    Path runsDir;
    try {
      runsDir = Files.createTempDirectory("execution-test-runs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonObject config = new JsonObject()
      .put("PORT", EmbeddedRedis.freePort())
      .put("EXECUTION_RUNS_DIR", runsDir.toString())
      .mergeIn(overrides);
    TestService service = new TestService(vertx, config, runsDir);
    service.deploy();
    return service;
  }

  /** Skips the calling test class where bubblewrap is not installed or cannot create namespaces. */
  static void assumeBubblewrap() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
    try {
      Process p = new ProcessBuilder("/usr/bin/bwrap", "--unshare-all", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin",
        "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--", "/usr/bin/true")
        .redirectErrorStream(true).start();
      Assumptions.assumeTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0,
        "bubblewrap cannot create namespaces on this host: " + new String(p.getInputStream().readAllBytes()));
    } catch (IOException e) {
      Assumptions.abort("bubblewrap cannot start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void deploy() {
    verticle = new ExecutionVerticle();
    deployment = await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
  }

  void close() {
    if (deployment != null) {
      await(vertx.undeploy(deployment));
      deployment = null;
    }
  }

  /** A run through the internal route; the answer as JSON (a result, or a problem). */
  HttpResponse<Buffer> post(String path, JsonObject body) {
    return await(client.post(path).timeout(120_000).sendJsonObject(body));
  }

  JsonObject run(String language, String code, String stdin) {
    HttpResponse<Buffer> response = post("/internal/runs", new JsonObject().put("language", language).put("code", code).put("stdin", stdin));
    if (response.statusCode() != 200) {
      throw new AssertionError("Run answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  JsonObject run(String language, String code) {
    return run(language, code, "");
  }

  HttpResponse<Buffer> get(String path) {
    return await(client.get(path).timeout(30_000).send());
  }

  /** What is left in the runs directory (nothing, once every run has finished). */
  List<Path> leftovers() {
    try (Stream<Path> files = Files.list(runsDir)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
