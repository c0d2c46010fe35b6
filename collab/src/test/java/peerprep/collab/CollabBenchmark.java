package peerprep.collab;

import ch.qos.logback.classic.Level;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.collab.support.HistoryStub;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.TestEnv;
import org.slf4j.LoggerFactory;
import peerprep.testkit.EmbeddedRedis;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Load on two collaboration instances sharing the embedded Redis, all on loopback: for each size, N
 * sessions of two editors (one on each instance) type at a steady rate for a while. Prints accepted
 * edits per second, the time from an edit to the partner receiving it (p50, p99) and heap per session.
 * Arguments: sizes (default 100,1000), seconds of typing (default 20), edits a second per editor (default 2).
 */
public final class CollabBenchmark {
  private CollabBenchmark() {
  }

  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "100,1000";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    double rate = args.length > 2 ? Double.parseDouble(args[2]) : 2.0;
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("access")).setLevel(Level.WARN);
    Vertx vertx = Vertx.vertx();
    try {
      EmbeddedRedis.url();
      TestAuth auth = TestAuth.start(vertx).await();
      HistoryStub history = HistoryStub.start(vertx).await();
      JsonObject settings = new JsonObject().put("USER_SERVICE_URL", auth.url()).mergeIn(history.config())
        .put("COLLAB_ABANDON_GRACE_MS", 600_000);
      Bench bench = new Bench(auth, WebClient.create(vertx), deploy(vertx, settings), deploy(vertx, settings));
      WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
      System.out.printf("collab benchmark: 2 instances, %d s of typing, %.1f edits/s per editor, %d cores%n",
        seconds, rate, Runtime.getRuntime().availableProcessors());
      for (String size : sizes.split(",")) {
        run(vertx, bench, ws, Integer.parseInt(size.trim()), seconds, rate);
      }
    } finally {
      vertx.close().await();
      EmbeddedRedis.stop();
    }
  }

  /** The two instances under load, outside any test fixture: a benchmark is a program of its own. */
  private record Bench(TestAuth auth, WebClient http, int left, int right) {
  }

  /** One instance on a fresh port; its port. */
  private static int deploy(Vertx vertx, JsonObject settings) {
    JsonObject config = TestEnv.config(null).mergeIn(settings);
    vertx.deployVerticle(new CollabVerticle(), new DeploymentOptions().setConfig(config)).await();
    return config.getInteger("PORT");
  }

  private static void run(Vertx vertx, Bench bench, WebSocketClient ws, int n, int seconds, double rate) {
    EmbeddedRedis.flushAll();
    List<Pair> pairs = createSessions(bench, n);
    long heapBefore = usedHeapAfterGc();
    connect(vertx, bench, ws, pairs);
    long heapAfter = usedHeapAfterGc();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    pairs.forEach(p -> p.measure(latencies));
    long start = System.nanoTime();
    List<Long> timers = new ArrayList<>();
    Random random = new Random(n);
    long period = Math.max(1, Math.round(1000 / rate));
    for (Pair p : pairs) {
      timers.add(p.type(vertx, random.nextLong(), 1 + random.nextInt((int) period), period));
      timers.add(p.partnerType(vertx, random.nextLong(), 1 + random.nextInt((int) period), period));
    }
    vertx.timer(seconds, TimeUnit.SECONDS).await();
    timers.forEach(vertx::cancelTimer);
    double typed = (System.nanoTime() - start) / 1e9;
    Future.all(pairs.stream().map(Pair::settle).toList()).timeout(60, TimeUnit.SECONDS).await();
    report(n, pairs, latencies, typed, heapBefore, heapAfter);
    Future.join(pairs.stream().map(Pair::close).toList()).await();
  }

  private static List<Pair> createSessions(Bench bench, int n) {
    List<Pair> pairs = new ArrayList<>();
    for (int done = 0; done < n; done += 50) {
      List<Future<Pair>> batch = new ArrayList<>();
      for (int i = done; i < Math.min(n, done + 50); i++) {
        TestUser a = bench.auth().user("a" + i), b = bench.auth().user("b" + i);
        batch.add(CollabFixture.createSession(bench.http(), bench.left(), a, b).map(id -> new Pair(id, a, b)));
      }
      Future.all(batch).await();
      batch.forEach(f -> pairs.add(f.result()));
    }
    return pairs;
  }

  private static void connect(Vertx vertx, Bench bench, WebSocketClient ws, List<Pair> pairs) {
    for (int done = 0; done < pairs.size(); done += 100) {
      List<Future<?>> batch = new ArrayList<>();
      for (Pair p : pairs.subList(done, Math.min(pairs.size(), done + 100))) {
        p.left = new CollabClient(vertx, ws);
        p.right = new CollabClient(vertx, ws);
        batch.add(p.left.connectAndSync(bench.left(), p.sessionId, p.a.token(), true));
        batch.add(p.right.connectAndSync(bench.right(), p.sessionId, p.b.token(), true));
      }
      Future.all(batch).await();
    }
  }

  private static void report(int n, List<Pair> pairs, List<Long> latencies, double typed, long heapBefore, long heapAfter) {
    long edits = pairs.stream().mapToLong(p -> p.left.edits() + p.right.edits()).sum();
    long accepted = pairs.stream().mapToLong(p -> p.left.version()).sum();
    long diverged = pairs.stream().filter(p -> !p.left.doc().equals(p.right.doc())).count();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("%5d sessions: %d edits made, %d accepted (%.0f accepted edits/s over %.1f s), diverged sessions %d%n",
      n, edits, accepted, accepted / typed, typed, diverged);
    System.out.printf("       edit -> partner: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n",
      percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0), sorted.size());
    System.out.printf("       heap per session (server and both editors, one JVM): %.1f KiB; machine load average %.1f%n",
      (heapAfter - heapBefore) / 1024.0 / n, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** One session and its two editors; each edit's time is kept so the partner can measure its arrival. */
  private static final class Pair {
    final String sessionId;
    final TestUser a;
    final TestUser b;
    CollabClient left;
    CollabClient right;
    final List<Long> leftEdits = Collections.synchronizedList(new ArrayList<>());
    final List<Long> rightEdits = Collections.synchronizedList(new ArrayList<>());

    Pair(String sessionId, TestUser a, TestUser b) {
      this.sessionId = sessionId;
      this.a = a;
      this.b = b;
    }

    void measure(List<Long> latencies) {
      int[] seen = new int[2];
      left.onRemoteUpdate((client, update, now) -> latencies.add(now - rightEdits.get(seen[0]++)));
      right.onRemoteUpdate((client, update, now) -> latencies.add(now - leftEdits.get(seen[1]++)));
    }

    long type(Vertx vertx, long seed, long delay, long period) {
      return typeOn(vertx, left, leftEdits, seed, delay, period);
    }

    long partnerType(Vertx vertx, long seed, long delay, long period) {
      return typeOn(vertx, right, rightEdits, seed, delay, period);
    }

    private static long typeOn(Vertx vertx, CollabClient c, List<Long> times, long seed, long delay, long period) {
      Random random = new Random(seed);
      return vertx.setPeriodic(delay, period, id -> {
        synchronized (c) {
          long at = System.nanoTime();
          if (c.editRandomly(random)) {
            times.add(at);
          }
        }
      });
    }

    Future<?> settle() {
      return left.idle().compose(x -> right.idle())
        .compose(x -> left.reach(right.version())).compose(x -> right.reach(left.version()));
    }

    Future<?> close() {
      return Future.join(left.close(), right.close());
    }
  }
}
