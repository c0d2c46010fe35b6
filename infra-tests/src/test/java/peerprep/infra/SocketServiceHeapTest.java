package peerprep.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import peerprep.infra.hcl.Expr;

/**
 * The services that hold WebSockets (chat and collaboration) start their JVM with the heap at its full
 * size, sized from the ECS task's memory, and that heap leaves the task room for what is not heap
 * (metaspace, code cache, thread stacks, the network buffers).
 */
class SocketServiceHeapTest {
  /**
   * The memory a task keeps for its JVM besides the heap: a chat task holding 2,500 sockets under load
   * used about 90 MiB above its committed heap.
   */
  private static final int NON_HEAP_MIB = 200;

  private final TerraformDir stack = Repo.module(Repo.STACK);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"chat-service", "collaboration-service"})
  void heapStartsFullAndFitsTheTask(String service) throws IOException {
    Expr.ObjectExpr task = stack.local("services").object().get(service).object();
    String module = task.get("module").string();
    String dockerfile = Files.readString(Repo.root().resolve(module + "/Dockerfile"));
    Matcher opts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
    assertTrue(opts.find(), module + "/Dockerfile sets no JAVA_OPTS");
    String flags = opts.group(1);

    int initial = percentage(flags, "InitialRAMPercentage", module);
    int max = percentage(flags, "MaxRAMPercentage", module);
    assertEquals(max, initial, module + ": the heap starts below its maximum and grows with the sockets");
    assertTrue(flags.contains("-XX:+UseContainerSupport"), module + ": the percentages must apply to the task's memory");

    int memory = task.get("memory").integer();
    int heap = memory * max / 100;
    assertTrue(memory - heap >= NON_HEAP_MIB,
        service + ": a " + heap + " MiB heap leaves " + (memory - heap) + " MiB of the task's " + memory + " MiB");
  }

  private static int percentage(String flags, String name, String module) {
    Matcher m = Pattern.compile("-XX:" + name + "=(\\d+)").matcher(flags);
    assertTrue(m.find(), module + " does not set -XX:" + name);
    return Integer.parseInt(m.group(1));
  }
}
