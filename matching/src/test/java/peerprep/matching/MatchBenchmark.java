package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import peerprep.common.vocab.Difficulty;
import peerprep.testkit.EmbeddedRedis;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The matching benchmark: users connected over WebSockets, half to each of two instances on one Redis,
 * send their requests at a steady arrival rate; stub peers answer at once. Prints the match requests
 * handled per second and the time from a pair's second request to both users being told. Arguments:
 * users, arrivals per second, topics, warm-up users (defaults 2000, 100, 12, 600); the warm-up round runs
 * first, on other topics, and is not counted. Everything runs on loopback in this JVM and stops by
 * itself: each round when everyone was told, after 3 s without news, or at a deadline. Before it,
 * {@link MatchLoadCheck} checks that hundreds of simultaneous requests pair correctly.
 */
public final class MatchBenchmark {
  private static final long QUIET_MS = 3_000;
  private static final int CONNECT_BATCH = 100;
  private static final AtomicInteger TOLD = new AtomicInteger();
  private static volatile long lastEvent;

  private MatchBenchmark() {
  }

  /** One simulated user: their socket, when their request left, when they were told, and with which match. */
  private static final class Probe {
    volatile WebSocket socket;
    volatile long sentAt;
    volatile long toldAt;
    volatile String matchId;
  }

  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int topics = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 600;
    Vertx vertx = Vertx.vertx();
    try {
      MatchLoadCheck.run(vertx);
      measure(vertx, users, rate, topics, warmup);
    } finally {
      vertx.close().await();
      EmbeddedRedis.stop();
    }
    System.exit(0);
  }

  private static void measure(Vertx vertx, int users, int rate, int topics, int warmup) {
    Harness h = Harness.start(vertx, "matching_bench", 2, new JsonObject()
      .put("MATCH_SWEEP_INTERVAL_MS", 200).put("REDIS_POOL_SIZE", 32));
    try {
      List<Probe> warm = connect(h, warmup, "warm");
      send(h, warm, rate, topics, "warm-");
      warm.forEach(p -> p.socket.close());
      List<Probe> probes = connect(h, users, "bench");
      long cpuBefore = cpuNanos();
      send(h, probes, rate, topics, "bench-");
      report(users, rate, topics, probes, cpuNanos() - cpuBefore);
    } finally {
      h.stop();
    }
  }

  /** Opens every user's socket first, half on each instance, so the run measures matching, not handshakes. */
  private static List<Probe> connect(Harness h, int users, String name) {
    List<Probe> probes = new ArrayList<>();
    for (int from = 0; from < users; from += CONNECT_BATCH) {
      List<Future<WebSocket>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(users, from + CONNECT_BATCH); i++) {
        Probe probe = new Probe();
        probes.add(probe);
        batch.add(h.sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(h.port(i % 2))
          .setURI("/match/ws?access_token=" + h.user(name + i).token())).onSuccess(ws -> listen(probe, ws)));
      }
      Future.all(batch).await();
    }
    return probes;
  }

  private static void listen(Probe probe, WebSocket ws) {
    probe.socket = ws;
    ws.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if ("matched".equals(frame.getString("type")) && probe.toldAt == 0) {
        probe.toldAt = System.nanoTime();
        probe.matchId = frame.getString("matchId");
        TOLD.incrementAndGet();
        lastEvent = probe.toldAt;
      }
    });
  }

  /** Sends the requests at the arrival rate, then waits until everyone was told or nothing happens any more. */
  private static void send(Harness h, List<Probe> probes, int rate, int topics, String topicPrefix) {
    Random random = new Random(42);
    TOLD.set(0);
    Promise<Void> finished = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    lastEvent = System.nanoTime();
    int perTick = Math.max(1, rate / 100);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(probes.size() / Math.max(1, rate) + 120);
    h.vertx.setPeriodic(10, timer -> {
      for (int k = 0; k < perTick && next.get() < probes.size(); k++) {
        Probe probe = probes.get(next.getAndIncrement());
        probe.sentAt = System.nanoTime();
        lastEvent = probe.sentAt;
        probe.socket.writeTextMessage(new JsonObject().put("type", "request").put("topic", topicPrefix + random.nextInt(topics))
          .put("difficulty", Difficulty.labels().get(random.nextInt(3))).encode());
      }
      boolean quiet = System.nanoTime() - lastEvent > TimeUnit.MILLISECONDS.toNanos(QUIET_MS);
      if (next.get() >= probes.size() && (TOLD.get() == probes.size() || quiet) || System.nanoTime() > deadline) {
        h.vertx.cancelTimer(timer);
        finished.tryComplete();
      }
    });
    finished.future().await();
  }

  /** CPU time of this whole JVM (services, stub peers and simulated users together). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void report(int users, int rate, int topics, List<Probe> probes, long cpu) {
    Map<String, List<Probe>> pairs = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Probe p : probes) {
      if (p.sentAt > 0) {
        first = Math.min(first, p.sentAt);
      }
      if (p.matchId != null) {
        pairs.computeIfAbsent(p.matchId, m -> new ArrayList<>()).add(p);
        last = Math.max(last, p.toldAt);
      }
    }
    List<Double> latencies = new ArrayList<>();
    for (List<Probe> pair : pairs.values()) {
      if (pair.size() == 2) {
        long second = Math.max(pair.get(0).sentAt, pair.get(1).sentAt);
        long bothTold = Math.max(pair.get(0).toldAt, pair.get(1).toldAt);
        latencies.add((bothTold - second) / 1e6);
      }
    }
    latencies.sort(Double::compare);
    int matched = latencies.size() * 2;
    double seconds = (last - first) / 1e9;
    System.out.println();
    System.out.printf(Locale.ROOT, "users %d, arrivals %d/s, %d topics x 3 difficulties, 2 instances%n", users, rate, topics);
    System.out.printf(Locale.ROOT, "matched users %d (%d pairs), still waiting at the end %d%n", matched, latencies.size(),
      users - matched);
    System.out.printf(Locale.ROOT, "match requests handled: %.1f/s over %.1f s%n", matched / seconds, seconds);
    System.out.printf(Locale.ROOT, "CPU of the JVM (services, stubs and users) during the run: %.1f s, %.2f ms per matched user%n",
      cpu / 1e9, cpu / 1e6 / Math.max(1, matched));
    System.out.printf(Locale.ROOT, "second request -> both told: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
      pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100));
  }

  private static double pct(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
