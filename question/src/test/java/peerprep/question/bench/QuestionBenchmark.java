package peerprep.question.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import peerprep.common.auth.Auth;
import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;
import peerprep.common.db.Databases;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestEnv;
import peerprep.question.Cursor;
import peerprep.question.QuestionVerticle;
import peerprep.testkit.EmbeddedDatabases;
import peerprep.testkit.EmbeddedRedis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Loads 100 000 generated questions into an embedded PostgreSQL, starts the service on loopback, and measures
 * listing shapes (first pages, pages after a cursor, a page asked by number), topics and the pick over HTTP:
 * requests per second and p50/p99 latency per shape, then the plans.
 * Arguments (optional): question count, requests per shape, requests in flight.
 */
public final class QuestionBenchmark {
  private static final long MAX_MILLIS_PER_SHAPE = 15_000;

  private QuestionBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int questions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    Vertx server = Vertx.vertx();
    Vertx clients = Vertx.vertx();
    try {
      run(server, clients, questions, requests, concurrency);
    } finally {
      clients.close().await(10, TimeUnit.SECONDS);
      server.close().await(10, TimeUnit.SECONDS);
      EmbeddedRedis.stop();
      EmbeddedDatabases.stop();
    }
  }

  private static void run(Vertx server, Vertx clients, int questions, int requests, int concurrency) throws Exception {
    TestAuth auth = TestAuth.start(server).await();
    JsonObject config = TestEnv.config("question_bench").put("USER_SERVICE_URL", auth.url()).put("QUESTION_BANK_ENABLED", "false")
      .put("READS_PER_MINUTE", 1_000_000);
    server.deployVerticle(new QuestionVerticle(), new DeploymentOptions().setConfig(config)).await();
    Pool pool = Databases.pool(server, DbSettings.from(new Settings(config), "question_bench"));
    long loadStart = System.nanoTime();
    BenchData.load(pool, questions).await(10, TimeUnit.MINUTES);
    System.out.printf("Loaded %,d questions in %.1f s%n", questions, (System.nanoTime() - loadStart) / 1e9);

    List<String> excluded = BenchData.idsOf(pool, "arrays", "Medium", 50).await();
    String someId = excluded.get(0);
    WebClient client = WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(config.getInteger("PORT")).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
    String bearer = auth.user("bench").bearer();
    JsonObject pick = new JsonObject().put("topic", "arrays").put("difficulty", "Medium").put("excludeIds", new JsonArray(excluded));

    String deep = cursorAfter(client, bearer, "/questions?size=100", 900);
    String arrays = cursorAfter(client, bearer, "/questions?topic=arrays&size=100&sort=createdAt:desc", 50);
    Map<String, Supplier<Future<HttpResponse<Buffer>>>> shapes = new LinkedHashMap<>();
    shapes.put("list, no filter, page 1", get(client, bearer, "/questions"));
    shapes.put("list, topic=graphs", get(client, bearer, "/questions?topic=graphs"));
    shapes.put("list, topic=graphs,trees & difficulty=Hard, sort=updatedAt:desc",
      get(client, bearer, "/questions?topic=graphs,trees&difficulty=Hard&sort=updatedAt:desc"));
    shapes.put("list, q=quark42 (rare word)", get(client, bearer, "/questions?q=quark42"));
    shapes.put("list, q=island bridge (common words)", get(client, bearer, "/questions?q=island%20bridge"));
    shapes.put("list, q=lantern & topic=trees", get(client, bearer, "/questions?q=lantern&topic=trees"));
    shapes.put("list, after page 900 of size 100 (cursor)", get(client, bearer, "/questions?size=100&after=" + deep));
    shapes.put("list, topic=arrays, after page 50 of size 100 (cursor), createdAt:desc",
      get(client, bearer, "/questions?topic=arrays&size=100&sort=createdAt:desc&after=" + arrays));
    shapes.put("list, page 900 of size 100 (page number)", get(client, bearer, "/questions?page=900&size=100"));
    shapes.put("read one question", get(client, bearer, "/questions/" + someId));
    shapes.put("topics with counts", get(client, bearer, "/topics"));
    shapes.put("pick arrays/Medium, 50 excluded", () -> client.post("/internal/questions/pick").timeout(30_000)
      .putHeader(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN).sendJsonObject(pick));

    // CPU of this process (service and load client, not PostgreSQL) per request: unlike latency, it does not
    // grow with the machine's other load.
    com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("%n%-66s %8s %9s %9s %9s %6s %8s %5s%n", "shape", "requests", "req/s", "p50 ms", "p99 ms", "errors",
      "cpu ms", "load");
    for (Map.Entry<String, Supplier<Future<HttpResponse<Buffer>>>> shape : shapes.entrySet()) {
      LoadRun.run(shape.getValue(), Math.max(50, requests / 10), concurrency, MAX_MILLIS_PER_SHAPE).await();
      long cpu = os.getProcessCpuTime();
      LoadRun.Result r = LoadRun.run(shape.getValue(), requests, concurrency, MAX_MILLIS_PER_SHAPE).await();
      double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / Math.max(1, r.requests());
      System.out.printf("%-66s %8d %9.0f %9.2f %9.2f %6d %8.2f %5.1f%n", shape.getKey(), r.requests(), r.perSecond(), r.p50(),
        r.p99(), r.errors(), cpuMs, os.getSystemLoadAverage());
    }
    System.out.println();
    BenchData.explain(pool, excluded, Map.of("deep", Cursor.parse(deep), "arrays", Cursor.parse(arrays)))
      .await().forEach(System.out::println);
    client.close();
    pool.close().await();
    auth.close().await();
  }

  /**
   * The cursor that follows {@code pages} pages of a listing, reached by following each page's cursor (or the
   * last page's, on a bank too small for that many).
   */
  private static String cursorAfter(WebClient client, String bearer, String path, int pages) {
    String next = null;
    for (int i = 0; i < pages; i++) {
      JsonObject page = client.get(path + (next == null ? "" : "&after=" + next)).timeout(30_000)
        .putHeader("Authorization", bearer).send().await().bodyAsJsonObject();
      if (page.getString("next") == null) {
        break;
      }
      next = page.getString("next");
    }
    return next;
  }

  private static Supplier<Future<HttpResponse<Buffer>>> get(WebClient client, String bearer, String path) {
    return () -> client.get(path).timeout(30_000).putHeader("Authorization", bearer).send();
  }
}
