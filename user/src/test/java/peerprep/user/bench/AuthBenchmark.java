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
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedDatabases;
import peerprep.testkit.EmbeddedRedis;
import peerprep.user.UserVerticle;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sign-in and token-verification throughput of the user-service on this machine: embedded PostgreSQL and
 * Redis, one service verticle with the production Argon2id cost, load on loopback. Bounded in time; stops
 * everything it started.
 */
public final class AuthBenchmark {
  private static final int USERS = 32;
  private static final int CONCURRENCY = 16;
  private static final int LOGIN_SECONDS = 15;
  private static final int VERIFY_SECONDS = 10;
  private static final String PASSWORD = "Bench-mark-password-1";

  private AuthBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("access")).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.vertx")).setLevel(Level.WARN);
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config = TestEnv.config("user_benchmark")
        .put("SECRET_JWT_PRIVATE_KEY", JwtKeys.privatePem(JwtKeys.generate()))
        .put("HISTORY_SERVICE_URL", "http://127.0.0.1:9");
      vertx.deployVerticle(new UserVerticle(), new DeploymentOptions().setConfig(config)).await();
      int port = config.getInteger("PORT");
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(CONCURRENCY));
      System.out.printf("user-service benchmark: %d CPUs, load average %.1f, Argon2id m=19456 KiB t=2 p=1 (production defaults)%n",
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

      System.out.println(singleHash().percentiles("one Argon2id hash (5 in a row)"));
      List<String> names = register(client);
      List<String> tokens = new ArrayList<>();
      Latencies logins = login(vertx, client, names, LOGIN_SECONDS, tokens);
      System.out.println(logins.summary("login (HTTP, c=" + CONCURRENCY + ")", LOGIN_SECONDS));

      Discovery discovery = Discovery.start(vertx, new Settings(new JsonObject().put("DISCOVERY_MODE", "static")
        .put("USER_SERVICE_URL", "http://127.0.0.1:" + port)), List.of("user-service")).await();
      JwksVerifier verifier = JwksVerifier.fromDiscovery(vertx, discovery);
      int threads = Runtime.getRuntime().availableProcessors();
      verify(verifier, tokens, 2, threads);
      Latencies verifications = verify(verifier, tokens, VERIFY_SECONDS, threads);
      System.out.println(verifications.summary("verify (JWKS, t=" + threads + ")", VERIFY_SECONDS));
      System.out.printf("load average at the end: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      discovery.close();
      client.close();
    } finally {
      vertx.close().await();
      EmbeddedRedis.stop();
      EmbeddedDatabases.server().close();
    }
  }

  /** The cost of one Argon2id hash with nothing else of ours running, to read the sign-in numbers against. */
  private static Latencies singleHash() {
    Argon2Function argon2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);
    Latencies latencies = new Latencies();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      Password.hash(PASSWORD + i).addRandomSalt(16).with(argon2);
      latencies.add(System.nanoTime() - start);
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
          latencies.add(System.nanoTime() - start);
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
            mine.add(System.nanoTime() - start);
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
