package peerprep.execution;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import peerprep.common.testing.ServiceFixture;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Programs that try to escape or exhaust the bubblewrap sandbox, in every language where the attack means
 * something. Each is stopped with a clear result, the service stays healthy, and nothing is left behind.
 */
class HostileProgramsTest {
  static final int SANDBOX_UID = 61_234;
  static final int QUICK_UID = 61_334;
  @RegisterExtension
  static final ServiceFixture<ExecutionVerticle> fixture = TestService.fixture(TestService.shortLimits().put("EXECUTION_SANDBOX_UID", SANDBOX_UID)
      .put("EXECUTION_CPU_SECONDS", 3).put("EXECUTION_WALL_MS", 30_000))
    .assuming(TestService::assumeBubblewrap);
  /** A short CPU limit and a wall time long enough that even a busy machine reaches the CPU limit first. */
  private static TestService service;
  /** A short wall time, for the programs that use no CPU. */
  private static TestService quick;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
    quick = service.another(new JsonObject().put("EXECUTION_SANDBOX_UID", QUICK_UID).put("EXECUTION_WALL_MS", 3_000)
      .put("EXECUTION_CPU_SECONDS", 2));
  }

  @AfterEach
  void serviceStaysHealthyAndClean() {
    for (TestService s : new TestService[]{service, quick}) {
      assertThat(s.get("/health").statusCode()).isEqualTo(200);
      Leftovers.assertNone(s, s.config.getInteger("EXECUTION_SANDBOX_UID"), s.config.getInteger("EXECUTION_SANDBOX_UID") + 1);
    }
  }

  private static void assertLimit(JsonObject r, String limit) {
    assertThat(r.getString("outcome")).as(r.encodePrettily()).isEqualTo("limit");
    assertThat(r.getString("limit")).as(r.encodePrettily()).isEqualTo(limit);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript", "java", "cpp"})
  @DisplayName("An infinite loop is stopped at the CPU-time limit")
  void infiniteLoop(String language) {
    JsonObject r = service.run(language, Programs.infiniteLoop(language));
    assertLimit(r, "cpu-time");
    assertThat(r.getString("signal")).isEqualTo("SIGKILL");
    assertThat(r.getLong("cpuMs")).isBetween(2_000L, 4_000L);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript", "java", "cpp"})
  @DisplayName("Starting processes without end is refused at the process limit")
  void processLimit(String language) {
    JsonObject r = service.run(language, Programs.processCounter(language));
    assertThat(r.getString("outcome")).as(r.encodePrettily()).isEqualTo("ok");
    assertThat(r.getString("stdout")).startsWith("refused after ");
    int started = Integer.parseInt(r.getString("stdout").strip().substring("refused after ".length()));
    assertThat(started).isLessThan(32);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript", "java", "cpp"})
  @DisplayName("A fork bomb is contained: it ends at a limit and takes every process it made with it")
  void forkBomb(String language) {
    JsonObject r = quick.run(language, Programs.forkBomb(language));
    assertThat(r.getString("outcome")).as(r.encodePrettily()).isEqualTo("limit");
    assertThat(r.getLong("wallMs")).isLessThan(5_000L);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript", "java", "cpp"})
  @DisplayName("Allocating memory without end is stopped at the memory limit")
  void endlessMemory(String language) {
    JsonObject r = service.run(language, Programs.endlessMemory(language));
    assertLimit(r, "memory");
    assertThat(r.getLong("peakMemoryKb")).isLessThan(600L * 1024);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript", "java", "cpp"})
  @DisplayName("Printing without end is cut at the output cap, marked truncated, and stopped")
  void endlessPrinting(String language) {
    JsonObject r = service.run(language, Programs.endlessPrinting(language));
    assertLimit(r, "output");
    assertThat(r.getBoolean("stdoutTruncated")).isTrue();
    assertThat(r.getString("stdout")).hasSize(16 * 1024).startsWith("y".repeat(100) + "\n");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "cpp"})
  @DisplayName("Writing a huge file fails at the file-size limit")
  void hugeFile(String language) {
    JsonObject r = service.run(language, Programs.hugeFile(language));
    assertLimit(r, "file-size");
    assertThat(r.getString("stderr")).contains("File too large");
  }

  @Test
  @DisplayName("Filling the working directory with files stops at its size")
  void fullWorkDirectory() {
    JsonObject r = service.run("python", "n = 0\ntry:\n    while True:\n        open('f%d' % n, 'wb').write(b'x' * 1048576)\n"
      + "        n += 1\nexcept OSError as e:\n    print(n, e.strerror)\n");
    assertThat(r.getString("outcome")).as(r.encodePrettily()).isEqualTo("ok");
    assertThat(r.getString("stdout")).endsWith("No space left on device\n");
    assertThat(Integer.parseInt(r.getString("stdout").split(" ")[0])).isLessThanOrEqualTo(64);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript", "java", "cpp"})
  @DisplayName("/etc/shadow cannot be read")
  void shadow(String language) {
    JsonObject r = service.run(language, Programs.readFiles(language, "/etc/shadow", "/etc/passwd"));
    assertThat(r.getString("stdout")).as(r.encodePrettily()).isEqualTo("denied /etc/shadow\ndenied /etc/passwd\n");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript"})
  @DisplayName("The service's own files, its environment and its runs directory cannot be read")
  void serviceFiles(String language) {
    String pom = Path.of("pom.xml").toAbsolutePath().toString();
    String classes = Path.of("target/classes/conf/execution.json").toAbsolutePath().toString();
    String environ = "/proc/" + ProcessHandle.current().pid() + "/environ";
    String runs = service.runsDir.toString();
    JsonObject r = service.run(language, Programs.readFiles(language, pom, classes, environ, runs));
    assertThat(r.getString("stdout").lines().toList()).as(r.encodePrettily())
      .containsExactly("denied " + pom, "denied " + classes, "denied " + environ, "denied " + runs);
  }

  @Test
  @DisplayName("A run sees neither another run's directory nor its processes")
  void anotherRun() {
    Future<HttpResponse<Buffer>> other = service.client.post("/internal/runs").timeout(60_000).sendJsonObject(new JsonObject()
      .put("language", "python").put("code", "import time\nopen('secret', 'w').write('mine')\ntime.sleep(3)\n"));
    String runs = service.runsDir.toString();
    JsonObject r = service.run("python", "import os\nprint(sorted(os.listdir('.')), sorted(os.listdir('/tmp')))\n"
      + "print(sorted(p for p in os.listdir('/proc') if p.isdigit()))\n"
      + "try:\n    print(os.listdir('" + runs + "'))\nexcept OSError as e:\n    print('denied')\n");
    assertThat(r.getString("stdout")).as(r.encodePrettily()).isEqualTo("[] []\n['1']\ndenied\n");
    assertThat(TestService.await(other).bodyAsJsonObject().getString("outcome")).isEqualTo("ok");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript", "java", "cpp"})
  @DisplayName("No network: neither the service's port on loopback nor the internet can be reached")
  void network(String language) {
    JsonObject r = service.run(language, Programs.connect(language, service.config.getInteger("PORT")));
    assertThat(r.getString("stdout").lines().toList()).as(r.encodePrettily()).isNotEmpty().allMatch(l -> l.startsWith("refused "));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "cpp"})
  @DisplayName("A child left running after the program exits is killed with the run, even in its own session")
  void childLeftRunning(String language) {
    JsonObject r = service.run(language, Programs.childLeftRunning(language));
    assertThat(r.getString("outcome")).as(r.encodePrettily()).isEqualTo("ok");
    assertThat(r.getString("stdout")).isEqualTo("parent done\n");
    assertThat(r.getLong("wallMs")).isLessThan(4_000L);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"python", "javascript"})
  @DisplayName("A program that closes stdout and keeps running is stopped at the wall-time limit with what it printed")
  void closesStdout(String language) {
    JsonObject r = quick.run(language, Programs.closesStdout(language));
    assertLimit(r, "wall-time");
    assertThat(r.getString("stdout")).isEqualTo("bye\n");
    assertThat(r.getLong("wallMs")).isBetween(3_000L, 5_000L);
  }
}
