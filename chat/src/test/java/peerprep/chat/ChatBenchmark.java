package peerprep.chat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import peerprep.common.app.ServiceMain;
import peerprep.common.testing.BenchProgram;
import peerprep.common.testing.ChildJvm;
import peerprep.common.testing.LiveHeap;
import peerprep.common.testing.ProcCpu;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedRedis;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Chat throughput, latency, CPU and memory on this machine, measured the way the peers harness
 * ({@code ../shared/peers}) measures: two users per room, profile {@code stress} (closed loop, at most
 * {@code window} messages per user in flight until the partner has them) or {@code human} (open loop,
 * {@code rate} messages per second per user), a warm-up, then a measured window in which only the
 * messages sent count; latency end to end; server CPU (the chat JVM and Redis) per delivered message.
 * This JVM runs the embedded Redis and one chat instance per core on one port, as a task does; a child
 * JVM ({@link BenchClients}) holds the sockets. Memory: live heap per idle socket, from class histograms
 * (each after a full GC) before the sockets connect and once they all are idle.
 *
 * <p>Arguments, each optional: {@code --rooms 100,1000} {@code --profile stress|human} {@code --warmup 5}
 * {@code --duration 20} {@code --rate 1} {@code --window 4}. Bounded; stops by itself.
 */
public final class ChatBenchmark {
  private static final long CHILD_LIMIT_MINUTES = 10;

  private ChatBenchmark() {
  }

  /** One benchmark's settings. */
  private record Options(List<Integer> rooms, String profile, int warmup, int duration, double rate, int window) {
    static Options parse(String[] args) {
      BenchProgram.Args a = new BenchProgram.Args(args);
      return new Options(a.integers("rooms", "100,1000"), a.choice("profile", "stress", "human"), a.integer("warmup", 5),
        a.integer("duration", 20), a.decimal("rate", 1), a.integer("window", 4));
    }
  }

  public static void main(String[] args) {
    BenchProgram.run(vertx -> {
      Options options = Options.parse(args);
      TestAuth auth = TestAuth.start(vertx).await();
      CollabStub collab = CollabStub.start(vertx).await();
      HistoryStub history = HistoryStub.start(vertx).await();
      List<ChatVerticle> instances = new CopyOnWriteArrayList<>();
      Redis redis = Redis.createClient(vertx, EmbeddedRedis.url());
      int port = EmbeddedRedis.freePort();
      JsonObject config = TestEnv.config(null).put("PORT", port)
        .put("USER_SERVICE_URL", auth.url()).put("COLLABORATION_SERVICE_URL", collab.url())
        .put("HISTORY_SERVICE_URL", history.url())
        .put("CHAT_SESSION_CACHE_MS", 120_000).put("CHAT_MAX_MSGS_PER_10S", 1_000_000);
      vertx.deployVerticle(() -> {
        ChatVerticle v = new ChatVerticle();
        instances.add(v);
        return v;
      }, new DeploymentOptions().setInstances(ServiceMain.cores()).setConfig(config)).await();
      System.out.printf("chat benchmark: %s, warm-up %d s, window %d s, %s; %d chat instances on %d cores%n",
        options.profile(), options.warmup(), options.duration(),
        "stress".equals(options.profile()) ? options.window() + " in flight per user" : options.rate() + " msg/s per user",
        instances.size(), Runtime.getRuntime().availableProcessors());
      for (int rooms : options.rooms()) {
        run(rooms, options, port, auth, collab, instances, redis);
      }
    });
  }

  private static void run(int rooms, Options o, int port, TestAuth auth, CollabStub collab,
                          List<ChatVerticle> instances, Redis redis) throws Exception {
    Path file = Files.createTempFile("chat-bench", ".txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rooms; i++) {
      TestUser a = auth.user("a" + i);
      TestUser b = auth.user("b" + i);
      lines.add(String.join(" ", collab.session(a, b), a.id(), a.token(), b.id(), b.token()));
    }
    Files.write(file, lines);
    long baseline = LiveHeap.bytes();
    try (ChildJvm child = ChildJvm.start(BenchClients.class, "1g", CHILD_LIMIT_MINUTES, List.of(String.valueOf(port),
      file.toString(), o.profile(), String.valueOf(o.warmup()), String.valueOf(o.duration()), String.valueOf(o.rate()),
      String.valueOf(o.window())))) {
      String connected = child.expect("CONNECTED");
      int serverSockets = Future.all(instances.stream().map(ChatVerticle::sockets).toList())
        .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum()).await();
      long idle = LiveHeap.bytes();
      child.send("GO");
      child.expect("WINDOW");
      long redisPid = BenchProgram.redisPid(redis);
      double chatStart = ProcCpu.self();
      double redisStart = ProcCpu.seconds(redisPid);
      child.expect("WINDOW-END");
      double chatCpu = ProcCpu.self() - chatStart;
      double redisCpu = ProcCpu.seconds(redisPid) - redisStart;
      JsonObject result = new JsonObject(child.expect("RESULT").substring("RESULT ".length()));
      report(rooms, connected, serverSockets, (idle - baseline) / Math.max(1, serverSockets), result);
      long delivered = Math.max(1, result.getLong("deliveredInWindow"));
      System.out.printf("  server CPU per delivered message: %.3f ms (chat JVM %.1f s + Redis %.1f s over the window); "
          + "client JVM %.1f s; load average %.1f%n", (chatCpu + redisCpu) * 1000 / delivered, chatCpu, redisCpu,
        result.getDouble("clientCpuSeconds"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void report(int rooms, String connected, int serverSockets, long bytesPerSocket, JsonObject r) {
    double window = r.getDouble("windowSeconds");
    System.out.printf("%n%d rooms (%d sockets, %d held by the server), connected in %.1f s%n", rooms,
      r.getInteger("sockets"), serverSockets, Double.parseDouble(connected.split(" ")[2]));
    System.out.printf("  delivered %.0f msg/s to the partner (%d of %d sent in the %.1f s window; %d lost), "
        + "%d acks, %d error frames%n", r.getLong("deliveredInWindow") / window, r.getLong("deliveredInWindow"),
      r.getLong("sentInWindow"), window, r.getLong("lost"), r.getLong("acked"), r.getLong("errors"));
    System.out.printf("  end-to-end latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", r.getDouble("p50Ms"),
      r.getDouble("p99Ms"), r.getDouble("maxMs"));
    System.out.printf("  live heap per idle socket (class histograms after full GC): %.1f KiB%n", bytesPerSocket / 1024.0);
  }
}
