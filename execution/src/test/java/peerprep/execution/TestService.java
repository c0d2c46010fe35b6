package peerprep.execution;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Assumptions;
import peerprep.common.testing.Await;
import peerprep.common.testing.ServiceFixture;
import peerprep.testkit.EmbeddedRedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One execution-service instance deployed by a fixture, with its own runs directory, and a client aimed at it. */
final class TestService {
  final ServiceFixture<ExecutionVerticle> fixture;
  final Vertx vertx;
  final WebClient client;
  final Path runsDir;
  final JsonObject config;
  final ExecutionVerticle verticle;
  private final int port;

  /** The service without storage, each instance with a fresh runs directory, and these keys. */
  static ServiceFixture<ExecutionVerticle> fixture(JsonObject overrides) {
    return ServiceFixture.of(ExecutionVerticle::new).withoutRedis()
      .config(overrides)
      .config(() -> runsDirectory());
  }

  /** The fixture's first instance (call from {@code @BeforeAll}). */
  TestService(ServiceFixture<ExecutionVerticle> fixture) {
    this(fixture, 0);
  }

  TestService(ServiceFixture<ExecutionVerticle> fixture, int instance) {
    this.fixture = fixture;
    this.vertx = fixture.vertx();
    this.client = fixture.http();
    this.config = fixture.config(instance);
    this.verticle = fixture.verticle(instance);
    this.port = fixture.port(instance);
    this.runsDir = Path.of(config.getString("EXECUTION_RUNS_DIR"));
  }

  /** Another instance with its own port and runs directory, and these keys on top. */
  TestService another(JsonObject extra) {
    return new TestService(fixture, fixture.deploy(runsDirectory().put("PORT", EmbeddedRedis.freePort()).mergeIn(extra)));
  }

  private static JsonObject runsDirectory() {
    try {
      return new JsonObject().put("EXECUTION_RUNS_DIR", Files.createTempDirectory("execution-test-runs").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** A run through the internal route; the answer as JSON (a result, or a problem). */
  HttpResponse<Buffer> post(String path, JsonObject body) {
    return await(client.post(port, "127.0.0.1", path).timeout(120_000).sendJsonObject(body));
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
    return await(client.get(port, "127.0.0.1", path).timeout(30_000).send());
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
    return Await.of(future, Duration.ofSeconds(180));
  }
}
