package peerprep.execution.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import peerprep.execution.ExecutionVerticle;
import peerprep.testkit.EmbeddedRedis;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs/s and latency of the execution service: a hello-world in each language and a CPU-bound program,
 * each run {@code runs} times with as many in flight as the service runs in parallel (the CPU count).
 * Usage: make bench SERVICE=execution [ARGS='<runs per case>'].
 */
public final class ExecutionBenchmark {
  private static final Map<String, String[]> CASES = new LinkedHashMap<>();

  static {
    CASES.put("python hello", new String[]{"python", "print('hello')"});
    CASES.put("javascript hello", new String[]{"javascript", "console.log('hello')"});
    CASES.put("java hello", new String[]{"java", "public class Main { public static void main(String[] a) { System.out.println(\"hello\"); } }"});
    CASES.put("cpp hello", new String[]{"cpp", "#include <cstdio>\nint main() { std::puts(\"hello\"); }"});
    CASES.put("python cpu-bound", new String[]{"python", "s = 0\nfor i in range(3_000_000):\n    s += i * i % 7\nprint(s)"});
    CASES.put("cpp cpu-bound", new String[]{"cpp", "#include <cstdio>\nint main() { unsigned long s = 0;\n"
      + "  for (unsigned long i = 0; i < 400000000UL; i++) s += i * i % 7;\n  std::printf(\"%lu\\n\", s); }"});
  }

  private ExecutionBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int parallel = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    int port = EmbeddedRedis.freePort();
    JsonObject config = new JsonObject().put("PORT", port).put("EXECUTION_PARALLEL_RUNS", parallel).put("EXECUTION_QUEUE_SIZE", 1000)
      .put("EXECUTION_RUNS_DIR", Files.createTempDirectory("execution-bench").toString());
    await(vertx.deployVerticle(new ExecutionVerticle(), new DeploymentOptions().setConfig(config)));
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
      new PoolOptions().setHttp1MaxSize(parallel * 2));
    System.out.printf("execution-service, %d runs per case, %d in flight (bubblewrap sandbox)%n", runs, parallel);
    System.out.printf("%-18s %8s %9s %9s %9s%n", "case", "runs/s", "p50 ms", "p99 ms", "failed");
    for (Map.Entry<String, String[]> c : CASES.entrySet()) {
      JsonObject body = new JsonObject().put("language", c.getValue()[0]).put("code", c.getValue()[1]);
      await(client.post("/internal/runs").sendJsonObject(body));
      Result r = measure(client, body, runs, parallel);
      System.out.printf("%-18s %8.2f %9d %9d %9d%n", c.getKey(), r.perSecond(), r.percentile(50), r.percentile(99), r.failed());
    }
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** {@code runs} runs, {@code inFlight} at a time; latency from request to answer. */
  private static Result measure(WebClient client, JsonObject body, int runs, int inFlight) {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      Promise<Void> lane = Promise.promise();
      lanes.add(lane.future());
      nextRun(client, body, runs, next, latencies, failed, lane);
    }
    await(Future.all(lanes));
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(runs / seconds, latencies, failed.get());
  }

  private static void nextRun(WebClient client, JsonObject body, int runs, AtomicInteger next, List<Long> latencies,
                              AtomicInteger failed, Promise<Void> lane) {
    if (next.getAndIncrement() >= runs) {
      lane.complete();
      return;
    }
    long t0 = System.nanoTime();
    client.post("/internal/runs").timeout(120_000).sendJsonObject(body).onComplete(ar -> {
      latencies.add((System.nanoTime() - t0) / 1_000_000);
      if (ar.failed() || ar.result().statusCode() != 200 || !"ok".equals(ar.result().bodyAsJsonObject().getString("outcome"))) {
        failed.incrementAndGet();
      }
      nextRun(client, body, runs, next, latencies, failed, lane);
    });
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private record Result(double perSecond, List<Long> latencies, int failed) {
    long percentile(int p) {
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
  }
}
