package peerprep.collab.support;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import peerprep.common.testing.Companion;
import peerprep.execution.ExecutionVerticle;
import peerprep.testkit.EmbeddedRedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The real execution service beside the collaboration service under test, on a free port. */
public final class ExecutionPeer implements Companion {
  private final Vertx vertx;
  private final String deploymentId;
  private final int port;

  private ExecutionPeer(Vertx vertx, String deploymentId, int port) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.port = port;
  }

  public static Future<ExecutionPeer> start(Vertx vertx) {
    int port = EmbeddedRedis.freePort();
    // The service's own wall-clock limit: a test run that sleeps 2 s must still finish on a loaded machine.
    JsonObject config = new JsonObject().put("PORT", port).put("EXECUTION_RUNS_DIR", runsDir()).put("EXECUTION_WALL_MS", 10_000);
    return vertx.deployVerticle(new ExecutionVerticle(), new DeploymentOptions().setConfig(config))
      .map(id -> new ExecutionPeer(vertx, id, port));
  }

  /** Skips the test class unless bubblewrap can make the namespaces the execution service runs code in. */
  public static void assumeSandbox() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
    try {
      Process probe = new ProcessBuilder("/usr/bin/bwrap", "--unshare-all", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin",
        "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--", "/usr/bin/true").redirectErrorStream(true).start();
      Assumptions.assumeTrue(probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "bubblewrap cannot create namespaces on this host");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String runsDir() {
    try {
      return Files.createTempDirectory("collab-runs").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public JsonObject config() {
    return new JsonObject().put("EXECUTION_SERVICE_URL", "http://127.0.0.1:" + port);
  }

  @Override
  public Future<Void> close() {
    return vertx.deploymentIDs().contains(deploymentId) ? vertx.undeploy(deploymentId) : Future.succeededFuture();
  }
}
