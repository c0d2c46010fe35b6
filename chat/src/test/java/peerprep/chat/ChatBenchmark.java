package peerprep.chat;

import ch.qos.logback.classic.Level;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.slf4j.LoggerFactory;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedRedis;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Chat throughput, latency and memory on this machine. This JVM runs the embedded Redis and two chat
 * instances (two event loops, like two tasks); a child JVM ({@link BenchClients}) holds two sockets per
 * session and sends at a steady pace. Arguments: session counts (default {@code 1000,5000}), seconds of
 * load (default 20), milliseconds between one client's messages (default 2000). Bounded; stops by itself.
 */
public final class ChatBenchmark {
  private static final long CHILD_LIMIT_MINUTES = 10;

  private ChatBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    List<Integer> counts = Arrays.stream((args.length > 0 ? args[0] : "1000,5000").split(",")).map(Integer::parseInt).toList();
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int intervalMs = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    Vertx vertx = Vertx.vertx();
    int code = 0;
    try {
      TestAuth auth = TestAuth.start(vertx).await();
      CollabStub collab = CollabStub.start(vertx).await();
      HistoryStub history = HistoryStub.start(vertx).await();
      List<ChatVerticle> instances = new CopyOnWriteArrayList<>();
      Redis redis = Redis.createClient(vertx, EmbeddedRedis.url());
      int port = EmbeddedRedis.freePort();
      JsonObject config = TestEnv.config(null).put("PORT", port)
        .put("USER_SERVICE_URL", auth.url()).put("COLLABORATION_SERVICE_URL", collab.url())
        .put("HISTORY_SERVICE_URL", history.url())
        .put("CHAT_SESSION_CACHE_MS", 120_000);
      vertx.deployVerticle(() -> {
        ChatVerticle v = new ChatVerticle();
        instances.add(v);
        return v;
      }, new DeploymentOptions().setInstances(2).setConfig(config)).await();
      System.out.printf("chat benchmark: %d s of load per run, one message per client every %d ms, %d cores%n",
        seconds, intervalMs, Runtime.getRuntime().availableProcessors());
      for (int sessions : counts) {
        run(sessions, seconds, intervalMs, port, auth, collab, instances, redis);
      }
    } catch (Exception e) {
      System.out.println("benchmark failed: " + e);
      code = 1;
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
      EmbeddedRedis.stop();
    }
    System.exit(code);
  }

  private static void run(int sessions, int seconds, int intervalMs, int port, TestAuth auth, CollabStub collab,
                          List<ChatVerticle> instances, Redis redis) throws Exception {
    Path file = Files.createTempFile("chat-bench", ".txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      TestUser a = auth.user("a" + i);
      TestUser b = auth.user("b" + i);
      lines.add(String.join(" ", collab.session(a, b), a.id(), a.token(), b.id(), b.token()));
    }
    Files.write(file, lines);
    long baseline = heapAfterGc();
    long cpuStart = cpuNanos();
    Process child = new ProcessBuilder(javaBinary(), "-Xmx1g", "-cp", classpath(), BenchClients.class.getName(),
      String.valueOf(port), file.toString(), String.valueOf(seconds), String.valueOf(intervalMs))
      .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
         Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      String connected = expect(out, "CONNECTED");
      int serverSockets = Future.all(instances.stream().map(ChatVerticle::sockets).toList())
        .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum()).await();
      long connectCpu = cpuNanos() - cpuStart;
      long loaded = heapAfterGc();
      long loadCpuStart = cpuNanos();
      double redisCpuStart = redisCpuSeconds(redis);
      in.write("GO\n");
      in.flush();
      JsonObject result = new JsonObject(expect(out, "RESULT").substring("RESULT ".length()));
      long loadCpu = cpuNanos() - loadCpuStart;
      double redisCpu = redisCpuSeconds(redis) - redisCpuStart;
      report(sessions, connected, serverSockets, (loaded - baseline) / Math.max(1, serverSockets), result);
      System.out.printf("  server CPU (chat + Redis client + stubs, this JVM): %.2f ms per connect, %.0f µs per delivered message%n",
        connectCpu / 1e6 / Math.max(1, serverSockets),
        loadCpu / 1e3 / Math.max(1, result.getLong("deliveredToPartner") + result.getLong("acked")));
      System.out.printf("  CPU while loaded (incl. draining): chat JVM %.1f s, client JVM %.1f s, Redis %.1f s; load average %.1f%n",
        loadCpu / 1e9, result.getDouble("clientCpuSeconds"), redisCpu,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      if (!child.waitFor(CHILD_LIMIT_MINUTES, TimeUnit.MINUTES)) {
        child.destroyForcibly();
      }
      Files.deleteIfExists(file);
    }
  }

  private static void report(int sessions, String connected, int serverSockets, long bytesPerSocket, JsonObject r) {
    double window = r.getDouble("loadSeconds");
    System.out.printf("%n%d sessions (%d sockets, %d held by the server), connected in %.1f s%n", sessions,
      r.getInteger("sockets"), serverSockets, Double.parseDouble(connected.split(" ")[2]));
    System.out.printf("  sent %d, acked %d, error frames %d over %.1f s%n", r.getLong("sent"), r.getLong("acked"),
      r.getLong("errors"), window);
    System.out.printf("  delivered %.0f messages/s during the load (to both sockets of a session); "
        + "after draining, %d of %d stored messages had reached the partner%n",
      r.getLong("deliveredInWindow") / window, r.getLong("deliveredToPartner"), r.getLong("acked"));
    System.out.printf("  send->receive latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", r.getDouble("p50Ms"),
      r.getDouble("p99Ms"), r.getDouble("maxMs"));
    System.out.printf("  server heap per socket after GC: %.1f KiB%n", bytesPerSocket / 1024.0);
  }

  private static String expect(BufferedReader out, String prefix) throws Exception {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("the client process ended before printing " + prefix);
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double redisCpuSeconds(Redis redis) {
    String info = redis.send(Request.cmd(Command.INFO).arg("cpu")).await().toString();
    double total = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The test class path, also when started by a Maven plugin whose own class path is the JVM's. */
  private static String classpath() {
    ClassLoader loader = ChatBenchmark.class.getClassLoader();
    List<String> entries = new ArrayList<>();
    while (loader != null) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          entries.add(new File(url.getPath()).getPath());
        }
      }
      loader = loader.getParent();
    }
    return entries.isEmpty() ? System.getProperty("java.class.path")
      : entries.stream().distinct().collect(Collectors.joining(File.pathSeparator));
  }
}
