package peerprep.collab;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import peerprep.collab.bench.CollabBenchClients;
import peerprep.collab.support.CollabFixture;
import peerprep.collab.support.HistoryStub;
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

/**
 * Collaboration throughput, latency, CPU and memory on this machine, measured the way the peers harness
 * ({@code ../shared/peers}) measures our service against Hocuspocus: two editors per session, the first on
 * one service instance and the second on the other (two {@code CollabVerticle} deployments on two ports
 * sharing the embedded Redis, as two tasks), so every edit crosses Redis. A child JVM
 * ({@link CollabBenchClients}) holds the editors. Profiles {@code stress} (closed loop, at most
 * {@code window} edits per editor in flight until the partner has them) and {@code human} (open loop,
 * {@code rate} edits per second per editor); a warm-up, a measured window in which only the edits made
 * count, a drain and a convergence check. Server CPU is this JVM's and Redis's, from {@code /proc}, over
 * the window, per delivered edit. Memory: live heap per idle socket, from class histograms (each after a
 * full GC) before the editors connect and once they are all synced and idle.
 *
 * <p>Arguments, each optional: {@code --sessions 100,1000} {@code --profile stress|human}
 * {@code --warmup 5} {@code --duration 20} {@code --rate 5} {@code --window 4}. Bounded; stops by itself.
 */
public final class CollabBenchmark {
  private static final long CHILD_LIMIT_MINUTES = 10;
  private static final int CREATE_BATCH = 50;

  private CollabBenchmark() {
  }

  /** One benchmark's settings. */
  private record Options(List<Integer> sessions, String profile, int warmup, int duration, double rate, int window) {
    static Options parse(String[] args) {
      BenchProgram.Args a = new BenchProgram.Args(args);
      return new Options(a.integers("sessions", "100,1000"), a.choice("profile", "stress", "human"),
        a.integer("warmup", 5), a.integer("duration", 20), a.decimal("rate", 5), a.integer("window", 4));
    }

    List<String> childArgs(int left, int right, Path file) {
      return List.of(String.valueOf(left), String.valueOf(right), file.toString(), profile, String.valueOf(warmup),
        String.valueOf(duration), String.valueOf(rate), String.valueOf(window));
    }
  }

  /** The two instances under load and what they need, outside any test fixture: a benchmark is a program. */
  private record Bench(TestAuth auth, WebClient http, Redis redis, List<CollabVerticle> instances, int left, int right) {
    int sockets() {
      return instances.stream().mapToInt(CollabVerticle::sockets).sum();
    }
  }

  public static void main(String[] args) {
    BenchProgram.run(vertx -> {
      Options options = Options.parse(args);
      TestAuth auth = TestAuth.start(vertx).await();
      HistoryStub history = HistoryStub.start(vertx).await();
      JsonObject settings = new JsonObject().put("USER_SERVICE_URL", auth.url()).mergeIn(history.config());
      CollabVerticle left = new CollabVerticle();
      CollabVerticle right = new CollabVerticle();
      Bench bench = new Bench(auth, WebClient.create(vertx), Redis.createClient(vertx, EmbeddedRedis.url()),
        List.of(left, right), deploy(vertx, left, settings), deploy(vertx, right, settings));
      System.out.printf("collab benchmark: %s, warm-up %d s, window %d s, %s; 2 collab instances on %d cores%n",
        options.profile(), options.warmup(), options.duration(), "stress".equals(options.profile())
          ? options.window() + " edits in flight per editor" : options.rate() + " edits/s per editor",
        Runtime.getRuntime().availableProcessors());
      for (int sessions : options.sessions()) {
        run(sessions, options, bench);
      }
    });
  }

  /** One instance on a fresh port, as one task with {@code COLLAB_INSTANCES=1}; its port. */
  private static int deploy(Vertx vertx, CollabVerticle verticle, JsonObject settings) {
    JsonObject config = TestEnv.config(null).mergeIn(settings);
    vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await();
    return config.getInteger("PORT");
  }

  private static void run(int sessions, Options o, Bench bench) throws Exception {
    EmbeddedRedis.flushAll();
    Path file = Files.createTempFile("collab-bench", ".txt");
    Files.write(file, createSessions(bench, sessions));
    String loadAverage = String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    long baseline = LiveHeap.bytes();
    try (ChildJvm child = ChildJvm.start(CollabBenchClients.class, "1g", CHILD_LIMIT_MINUTES,
      o.childArgs(bench.left(), bench.right(), file))) {
      child.expect("CONNECTED");
      int serverSockets = bench.sockets();
      long idleBytes = (LiveHeap.bytes() - baseline) / Math.max(1, serverSockets);
      child.send("GO");
      child.expect("WINDOW");
      long redisPid = BenchProgram.redisPid(bench.redis());
      double collabStart = ProcCpu.self();
      double redisStart = ProcCpu.seconds(redisPid);
      child.expect("WINDOW-END");
      double collabCpu = ProcCpu.self() - collabStart;
      double redisCpu = ProcCpu.seconds(redisPid) - redisStart;
      JsonObject r = new JsonObject(child.expect("RESULT").substring("RESULT ".length()));
      JsonObject summary = CollabBenchReport.summary(o.profile(), sessions, o.profile().equals("stress")
        ? new JsonObject().put("window", o.window()).put("windowMode", "e2e")
        : new JsonObject().put("editsPerSecPerEditor", o.rate()), o.warmup(), o.duration(), loadAverage, r)
        .put("serverSockets", serverSockets).put("liveHeapPerIdleSocketBytes", idleBytes);
      CollabBenchReport.cpu(summary, collabCpu, redisCpu, r.getDouble("clientCpuSeconds"));
      CollabBenchReport.print(summary);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The sessions, created through the internal API as matching does: one line each, id and both users. */
  private static List<String> createSessions(Bench bench, int n) {
    List<String> lines = new ArrayList<>();
    for (int done = 0; done < n; done += CREATE_BATCH) {
      List<Future<String>> batch = new ArrayList<>();
      for (int i = done; i < Math.min(n, done + CREATE_BATCH); i++) {
        TestUser a = bench.auth().user("a" + i);
        TestUser b = bench.auth().user("b" + i);
        batch.add(CollabFixture.createSession(bench.http(), bench.left(), a, b)
          .map(id -> String.join(" ", id, a.id(), a.token(), b.id(), b.token())));
      }
      Future.all(batch).await();
      batch.forEach(f -> lines.add(f.result()));
    }
    return lines;
  }
}
