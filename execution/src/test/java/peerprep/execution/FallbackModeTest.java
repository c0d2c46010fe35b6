package peerprep.execution;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mode for hosts without namespaces (ECS Fargate): rlimits and one user per concurrent run. What it
 * cannot do (hide the file system, cut the network) the task definition does; these are what it must do.
 */
class FallbackModeTest {
  static final int UID = 61_434;
  @RegisterExtension
  static final ServiceFixture<ExecutionVerticle> fixture = TestService.fixture(TestService.shortLimits().put("EXECUTION_SANDBOX", "rlimits")
      .put("EXECUTION_SANDBOX_UID", UID).put("EXECUTION_WALL_MS", 4_000))
    .assuming(() -> Assumptions.assumeTrue(ExecutionConfig.processUid() == 0, "the rlimits mode needs the service to run as root"));
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  @AfterEach
  void nothingLeft() {
    assertThat(service.get("/health").statusCode()).isEqualTo(200);
    Leftovers.assertNone(service, UID, UID + 1);
  }

  @Test
  @DisplayName("Without namespaces a correct program still prints exactly its output")
  void correct() {
    JsonObject r = service.run("python", "print(input()[::-1])", "olleh\n");
    assertThat(r.getString("stdout")).as(r.encodePrettily()).isEqualTo("hello\n");
  }

  @Test
  @DisplayName("Without namespaces an infinite loop is stopped at the CPU-time limit")
  void infiniteLoop() {
    JsonObject r = service.run("python", Programs.infiniteLoop("python"));
    assertThat(r.getString("limit")).as(r.encodePrettily()).isIn("cpu-time", "wall-time");
    assertThat(r.getString("outcome")).isEqualTo("limit");
  }

  @Test
  @DisplayName("Without namespaces the process limit is the run's own (its own user)")
  void processes() {
    JsonObject r = service.run("python", Programs.processCounter("python"));
    assertThat(r.getString("stdout")).as(r.encodePrettily()).startsWith("refused after ");
    assertThat(Integer.parseInt(r.getString("stdout").strip().substring("refused after ".length()))).isLessThan(32);
  }

  @Test
  @DisplayName("Without namespaces endless allocation is stopped at the memory limit")
  void memory() {
    JsonObject r = service.run("python", Programs.endlessMemory("python"));
    assertThat(r.getString("limit")).as(r.encodePrettily()).isEqualTo("memory");
  }

  @Test
  @DisplayName("Without namespaces endless printing is cut at the output cap")
  void output() {
    JsonObject r = service.run("cpp", Programs.endlessPrinting("cpp"));
    assertThat(r.getString("limit")).as(r.encodePrettily()).isEqualTo("output");
    assertThat(r.getBoolean("stdoutTruncated")).isTrue();
  }

  @Test
  @DisplayName("Without namespaces a huge file stops at the file-size limit")
  void hugeFile() {
    JsonObject r = service.run("python", Programs.hugeFile("python"));
    assertThat(r.getString("limit")).as(r.encodePrettily()).isEqualTo("file-size");
  }

  @Test
  @DisplayName("Without namespaces a daemon left behind in its own session is killed before the result is given")
  void orphan() {
    JsonObject r = service.run("cpp", Programs.childLeftRunning("cpp"));
    assertThat(r.getString("stdout")).as(r.encodePrettily()).isEqualTo("parent done\n");
  }

  @Test
  @DisplayName("Without namespaces /etc/shadow, the service's environment and the runs directory are still refused")
  void files() {
    String environ = "/proc/" + ProcessHandle.current().pid() + "/environ";
    String runs = service.runsDir.toString();
    JsonObject r = service.run("python", Programs.readFiles("python", "/etc/shadow", environ)
      + "import os\ntry:\n    os.listdir('" + runs + "')\n    print('listed')\nexcept OSError:\n    print('denied listing')\n");
    assertThat(r.getString("stdout")).as(r.encodePrettily())
      .isEqualTo("denied /etc/shadow\ndenied " + environ + "\ndenied listing\n");
  }

  @Test
  @DisplayName("Without namespaces a program that closes stdout and sleeps is stopped at the wall-time limit")
  void closesStdout() {
    JsonObject r = service.run("python", Programs.closesStdout("python"));
    assertThat(r.getString("limit")).as(r.encodePrettily()).isEqualTo("wall-time");
    assertThat(r.getString("stdout")).isEqualTo("bye\n");
  }
}
