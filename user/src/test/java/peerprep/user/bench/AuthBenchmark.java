package peerprep.user.bench;

import ch.qos.logback.classic.Level;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.JwksVerifier;
import peerprep.common.auth.JwtKeys;
import peerprep.common.config.Settings;
import peerprep.common.discovery.Discovery;
import peerprep.common.testing.Latencies;
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedDatabases;
import peerprep.testkit.EmbeddedRedis;
import peerprep.user.UserConfig;
import peerprep.user.UserVerticle;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sign-in and token-verification throughput of the user-service on this machine: embedded PostgreSQL and
 * Redis, one service verticle with the production Argon2id cost, load on loopback. With the argument
 * {@code owasp}, sign-in under each of the OWASP-recommended Argon2id settings instead. Bounded in time;
 * stops everything it started.
 */
public final class AuthBenchmark {
  private static final int USERS = 32;
  private static final int CONCURRENCY = 16;
  private static final int LOGIN_SECONDS = 15;
  private static final int VERIFY_SECONDS = 10;
  private static final String PASSWORD = "Bench-mark-password-1";
  private static final int CPUS = Runtime.getRuntime().availableProcessors();
  private static final int HASH_ROUNDS = 9;

  private AuthBenchmark() {
  }

  /** An Argon2id cost and the number of threads hashing with it. */
  private record Cost(int memoryKib, int iterations, int workers) {
    String label() {
      return "m=" + memoryKib + " KiB t=" + iterations + " p=1, " + workers + " hashing threads";
    }
  }

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("access")).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.vertx")).setLevel(Level.WARN);
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf("user-service benchmark: %d CPUs, load average %.1f%n", CPUS, loadAverage());
      if (args.length > 0 && args[0].equals("owasp")) {
        compare(vertx);
      } else {
        standard(vertx);
      }
      System.out.printf("load average at the end: %.1f%n", loadAverage());
    } finally {
      vertx.close().await();
      EmbeddedRedis.stop();
      EmbeddedDatabases.server().close();
    }
  }

  /** The service as configured by default: one hash alone, sign-in under load, then token verification. */
  private static void standard(Vertx vertx) throws Exception {
    JsonObject config = TestEnv.config("user_benchmark")
      .put("SECRET_JWT_PRIVATE_KEY", JwtKeys.privatePem(JwtKeys.generate()))
      .put("HISTORY_SERVICE_URL", "http://127.0.0.1:9")
      .put("SIGNUPS_PER_ADDRESS_PER_HOUR", 1_000);
    String deployment = vertx.deployVerticle(new UserVerticle(), new DeploymentOptions().setConfig(config)).await();
    Cost cost = new Cost(UserConfig.Hashing.MEMORY_KIB, UserConfig.Hashing.ITERATIONS, CPUS);
    System.out.println("Argon2id " + cost.label() + " (the defaults)");
    System.out.println(singleHash(cost).percentiles("one Argon2id hash (5 in a row)"));
    int port = config.getInteger("PORT");
    WebClient client = client(vertx, port);
    List<String> tokens = new ArrayList<>();
    Latencies logins = login(vertx, client, register(client), LOGIN_SECONDS, tokens);
    System.out.println(logins.summary("login (HTTP, c=" + CONCURRENCY + ")", LOGIN_SECONDS));

    Discovery discovery = Discovery.start(vertx, new Settings(new JsonObject().put("DISCOVERY_MODE", "static")
      .put("USER_SERVICE_URL", "http://127.0.0.1:" + port)), List.of("user-service")).await();
    JwksVerifier verifier = JwksVerifier.fromDiscovery(vertx, discovery);
    verify(verifier, tokens, 2, CPUS);
    Latencies verifications = verify(verifier, tokens, VERIFY_SECONDS, CPUS);
    System.out.println(verifications.summary("verify (JWKS, t=" + CPUS + ")", VERIFY_SECONDS));
    discovery.close();
    client.close();
    vertx.undeploy(deployment).await();
  }

  /**
   * Each of the OWASP Password Storage Cheat Sheet's equivalent Argon2id settings. First the CPU time of
   * one hash, the settings taken in turn for several rounds so a change in the machine's load touches them
   * alike; then sign-in under load with each, one hashing thread per core, and last the former setting on
   * a pool larger than the sign-ins in flight.
   */
  private static void compare(Vertx vertx) {
    List<Cost> costs = List.of(new Cost(47104, 1, CPUS), new Cost(19456, 2, CPUS), new Cost(12288, 3, CPUS),
      new Cost(9216, 4, CPUS), new Cost(7168, 5, CPUS));
    hashCosts(costs);
    List<Cost> runs = new ArrayList<>(costs);
    runs.add(new Cost(19456, 2, 20));
    for (Cost cost : runs) {
      JsonObject config = TestEnv.config("user_benchmark_" + cost.memoryKib() + "_" + cost.workers())
        .put("SECRET_JWT_PRIVATE_KEY", JwtKeys.privatePem(JwtKeys.generate()))
        .put("HISTORY_SERVICE_URL", "http://127.0.0.1:9")
        .put("SIGNUPS_PER_ADDRESS_PER_HOUR", 1_000)
        .put("ARGON2_MEMORY_KIB", cost.memoryKib()).put("ARGON2_ITERATIONS", cost.iterations())
        .put("ARGON2_WORKERS", cost.workers());
      String deployment = vertx.deployVerticle(new UserVerticle(), new DeploymentOptions().setConfig(config)).await();
      WebClient client = client(vertx, config.getInteger("PORT"));
      List<String> names = register(client);
      System.out.printf("Argon2id %s, load average %.1f%n", cost.label(), loadAverage());
      Latencies logins = login(vertx, client, names, LOGIN_SECONDS, new ArrayList<>());
      System.out.println(logins.summary("  login (HTTP, c=" + CONCURRENCY + ")", LOGIN_SECONDS));
      client.close();
      vertx.undeploy(deployment).await();
    }
  }

  /** Median wall and CPU time of one hash per setting, over rounds that take the settings in turn. */
  private static void hashCosts(List<Cost> costs) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[][] cpu = new long[costs.size()][HASH_ROUNDS];
    long[][] wall = new long[costs.size()][HASH_ROUNDS];
    for (int round = -2; round < HASH_ROUNDS; round++) {
      for (int i = 0; i < costs.size(); i++) {
        Argon2Function argon2 = Argon2Function.getInstance(costs.get(i).memoryKib(), costs.get(i).iterations(), 1, 32, Argon2.ID);
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Password.hash(PASSWORD + round).addRandomSalt(16).with(argon2);
        if (round >= 0) {
          wall[i][round] = System.nanoTime() - start;
          cpu[i][round] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
      }
    }
    for (int i = 0; i < costs.size(); i++) {
      double cpuMs = median(cpu[i]) / 1e6;
      System.out.printf("m=%5d KiB t=%d: one hash CPU %6.1f ms, wall %7.1f ms (medians of %d) -> at most %5.1f hashes/s per core%n",
        costs.get(i).memoryKib(), costs.get(i).iterations(), cpuMs, median(wall[i]) / 1e6, HASH_ROUNDS, 1000 / cpuMs);
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static WebClient client(Vertx vertx, int port) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
      new PoolOptions().setHttp1MaxSize(CONCURRENCY));
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The cost of one Argon2id hash with nothing else of ours running, after two to warm up. */
  private static Latencies singleHash(Cost cost) {
    Argon2Function argon2 = Argon2Function.getInstance(cost.memoryKib(), cost.iterations(), 1, 32, Argon2.ID);
    Latencies latencies = new Latencies();
    for (int i = 0; i < 7; i++) {
      long start = System.nanoTime();
      Password.hash(PASSWORD + i).addRandomSalt(16).with(argon2);
      if (i >= 2) {
        latencies.record(System.nanoTime() - start);
      }
    }
    return latencies;
  }

  private static List<String> register(WebClient client) {
    List<Future<?>> all = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String name = "bench" + i;
      names.add(name);
      all.add(client.post("/auth/register").sendJsonObject(new JsonObject().put("username", name)
          .put("email", name + "@example.com").put("password", PASSWORD))
        .expecting(io.vertx.core.http.HttpResponseExpectation.SC_CREATED));
    }
    Future.all(all).await();
    return names;
  }

  /** Keeps {@link #CONCURRENCY} sign-ins in flight until the time is up; collects one access token per user. */
  private static Latencies login(Vertx vertx, WebClient client, List<String> names, int seconds, List<String> tokens) {
    Latencies latencies = new Latencies();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger running = new AtomicInteger(CONCURRENCY);
    Promise<Void> done = Promise.promise();
    for (int w = 0; w < CONCURRENCY; w++) {
      vertx.runOnContext(v -> loginLoop(client, names, next, deadline, latencies, tokens, running, done));
    }
    done.future().await();
    return latencies;
  }

  private static void loginLoop(WebClient client, List<String> names, AtomicInteger next, long deadline, Latencies latencies,
                                List<String> tokens, AtomicInteger running, Promise<Void> done) {
    if (System.nanoTime() >= deadline) {
      if (running.decrementAndGet() == 0) {
        done.complete();
      }
      return;
    }
    String name = names.get(Math.floorMod(next.getAndIncrement(), names.size()));
    long start = System.nanoTime();
    client.post("/auth/login").sendJsonObject(new JsonObject().put("identifier", name).put("password", PASSWORD))
      .onComplete(ar -> {
        if (ar.succeeded() && ar.result().statusCode() == 200) {
          latencies.record(System.nanoTime() - start);
          synchronized (tokens) {
            if (tokens.size() < names.size()) {
              tokens.add(ar.result().bodyAsJsonObject().getString("accessToken"));
            }
          }
        } else {
          latencies.error();
        }
        loginLoop(client, names, next, deadline, latencies, tokens, running, done);
      });
  }

  /** Verifies tokens on plain threads, the way a peer service's handlers call the verifier. */
  private static Latencies verify(JwksVerifier verifier, List<String> tokens, int seconds, int threads) throws InterruptedException {
    Latencies total = new Latencies();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Latencies mine = new Latencies();
      int offset = t;
      Thread worker = new Thread(() -> {
        for (int i = offset; System.nanoTime() < deadline; i++) {
          long start = System.nanoTime();
          try {
            verifier.verify(tokens.get(i % tokens.size())).await();
            mine.record(System.nanoTime() - start);
          } catch (RuntimeException e) {
            mine.error();
          }
        }
        total.addAll(mine);
      }, "verify-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return total;
  }
}
