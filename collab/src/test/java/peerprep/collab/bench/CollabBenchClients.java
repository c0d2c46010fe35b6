package peerprep.collab.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import peerprep.collab.ot.ChangeSet;
import peerprep.common.testing.Latencies;
import peerprep.common.testing.ProcCpu;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The editors of {@code CollabBenchmark}, in their own JVM so the server's heap and CPU are measured
 * alone. Two editors per session, the first on one service instance and the second on the other, so
 * every edit crosses Redis. Each edit inserts one marker token ({@link BenchSide}) at a random token
 * boundary; profile {@code stress} keeps at most {@code window} edits per editor in flight until the
 * partner has applied them (closed loop), {@code human} edits {@code rate} times a second per editor from
 * a random phase (open loop). After the warm-up a window is measured: only edits made in it count, and
 * their latency runs from the local edit to the partner applying it, on one clock. Then a drain, and the
 * convergence check: both copies and the server's text equal, holding every token made.
 * It prints {@code CONNECTED}, waits for a line on stdin, prints {@code WINDOW} and {@code WINDOW-END}
 * around the measured window (the server samples its CPU there) and one {@code RESULT} line of JSON.
 */
public final class CollabBenchClients {
  private static final int CONNECT_CONCURRENCY = 50;
  private static final long SETUP_TIMEOUT_S = 60;
  private static final long DRAIN_MS = 10_000;
  private final Vertx vertx = Vertx.vertx();
  private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
    .setMaxConnections(50_000).setConnectTimeout(30_000).setMaxFrameSize(256 * 1024).setMaxMessageSize(1024 * 1024));
  private final List<BenchPair> pairs = new ArrayList<>();
  private final List<BenchPair> ready = new ArrayList<>();
  private final BenchCounts counts = new BenchCounts();
  private final Latencies latencies = new Latencies();
  private final LongAdder sentInWindow = new LongAdder();
  private final LongAdder deliveredInWindow = new LongAdder();
  private final Settings settings;
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private volatile boolean sending;

  private CollabBenchClients(Settings settings) {
    this.settings = settings;
  }

  /** From the command line: both ports, the sessions file, profile, warm-up s, window s, rate, window. */
  record Settings(int left, int right, Path sessions, String profile, int warmupSeconds, int seconds, double rate,
                  int window) {
    boolean stress() {
      return "stress".equals(profile);
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = new Settings(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]), args[3],
      Integer.parseInt(args[4]), Integer.parseInt(args[5]), Double.parseDouble(args[6]), Integer.parseInt(args[7]));
    CollabBenchClients bench = new CollabBenchClients(settings);
    try {
      bench.run();
    } finally {
      bench.vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private void run() throws Exception {
    long start = System.nanoTime();
    for (String line : Files.readAllLines(settings.sessions())) {
      String[] f = line.split(" ");
      pairs.add(new BenchPair(f[0], f[2], f[4], side('a'), side('b')));
    }
    connectAll();
    double connectSeconds = (System.nanoTime() - start) / 1e9;
    System.out.println("CONNECTED " + 2 * ready.size() + " " + connectSeconds);
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

    double cpuSeconds = measure();
    drain();
    JsonObject convergence = BenchConvergence.check(WebClient.create(vertx), settings.left(), ready);
    System.out.println("RESULT " + result(connectSeconds, cpuSeconds, convergence).encode());
    Future.join(ready.stream().flatMap(p -> p.sides().stream()).map(s -> s.editor.close()).toList())
      .await(30, TimeUnit.SECONDS);
  }

  /** Warm-up, then the measured window; the editors stop at its end. This JVM's CPU seconds in the window. */
  private double measure() throws InterruptedException {
    sending = true;
    ready.forEach(p -> p.sides().forEach(this::start));
    Thread.sleep(settings.warmupSeconds() * 1000L);
    double cpuStart = ProcCpu.self();
    System.out.println("WINDOW");
    windowStart = System.nanoTime();
    Thread.sleep(settings.seconds() * 1000L);
    windowEnd = System.nanoTime();
    System.out.println("WINDOW-END");
    double cpuSeconds = ProcCpu.self() - cpuStart;
    sending = false;
    ready.forEach(p -> p.sides().forEach(s -> s.editor.context().runOnContext(v -> vertx.cancelTimer(s.timer))));
    return cpuSeconds;
  }

  private JsonObject result(double connectSeconds, double cpuSeconds, JsonObject convergence) {
    return new JsonObject().put("sessions", pairs.size()).put("sessionsReady", ready.size())
      .put("sockets", 2 * ready.size()).put("setupS", connectSeconds).put("windowS", (windowEnd - windowStart) / 1e9)
      .put("sentInWindow", sentInWindow.sum()).put("deliveredInWindow", deliveredInWindow.sum())
      .put("lost", sentInWindow.sum() - deliveredInWindow.sum()).put("latencyMs", latencySummary())
      .put("convergence", convergence).put("disconnects", counts.disconnects.sum())
      .put("markerErrors", counts.markerErrors.sum()).put("duplicates", counts.duplicates.sum())
      .put("serverErrors", counts.serverErrors()).put("errorCodes", counts.errorCodes()).put("protocol", counts.protocol())
      .put("clientCpuSeconds", cpuSeconds);
  }

  private BenchSide side(char name) {
    return new BenchSide(name, side -> new BenchEditor(vertx, counts, changes -> onRemote(side, changes)));
  }

  private JsonObject latencySummary() {
    return new JsonObject().put("p50", ms(50)).put("p95", ms(95)).put("p99", ms(99)).put("max", ms(100))
      .put("n", latencies.count());
  }

  /** A percentile, or null when no edit was measured (JSON has no NaN). */
  private Double ms(double percentile) {
    return latencies.count() == 0 ? null : latencies.percentile(percentile);
  }

  private void connectAll() {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < CONNECT_CONCURRENCY; i++) {
      lanes.add(lane(next));
    }
    Future.all(lanes).await();
    pairs.stream().filter(BenchPair::connected).forEach(ready::add);
  }

  /** Connects one session after another; a session whose editors are not synced in time is left out. */
  private Future<Void> lane(AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= pairs.size()) {
      return Future.succeededFuture();
    }
    BenchPair p = pairs.get(i);
    return Future.all(p.a().editor.connect(client, settings.left(), p.sessionId(), p.tokenA()),
        p.b().editor.connect(client, settings.right(), p.sessionId(), p.tokenB()))
      .timeout(SETUP_TIMEOUT_S, TimeUnit.SECONDS)
      .onSuccess(v -> p.markConnected())
      .<Void>mapEmpty().recover(e -> Future.succeededFuture())
      .compose(v -> lane(next));
  }

  private void start(BenchSide s) {
    s.editor.context().runOnContext(v -> {
      if (settings.stress()) {
        fill(s);
        return;
      }
      long intervalMs = Math.max(1, Math.round(1000 / settings.rate()));
      s.timer = vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(intervalMs), t -> {
        edit(s);
        s.timer = vertx.setPeriodic(intervalMs, id -> edit(s));
      });
    });
  }

  private void fill(BenchSide s) {
    while (sending && s.inFlight.get() < settings.window()) {
      edit(s);
    }
  }

  /** One marker token at a random token boundary of the editor's text (after the text it started with). */
  private void edit(BenchSide s) {
    if (!sending) {
      return;
    }
    long now = System.nanoTime();
    BenchPair pair = s.pair;
    int tokens = (s.editor.doc().length() - pair.startLength()) / BenchSide.TOKEN;
    int pos = pair.startLength() + BenchSide.TOKEN * ThreadLocalRandom.current().nextInt(tokens + 1);
    s.inFlight.incrementAndGet();
    if (now >= windowStart && now < windowEnd) {
      sentInWindow.increment();
    }
    s.editor.insert(pos, s.next(now));
  }

  /** The partner's changes, applied by the editor of {@code to}: each token in them is one delivered edit. */
  private void onRemote(BenchSide to, List<ChangeSet> changes) {
    long now = System.nanoTime();
    for (ChangeSet c : changes) {
      for (int i = 0; i < c.sections(); i++) {
        String run = c.sectionInsert(i);
        if (run != null && !run.isEmpty()) {
          tokens(to, run, now);
        }
      }
    }
  }

  private void tokens(BenchSide to, String run, long now) {
    if (run.length() % BenchSide.TOKEN != 0) {
      counts.markerErrors.increment();
      return;
    }
    for (int o = 0; o < run.length(); o += BenchSide.TOKEN) {
      BenchSide from = run.charAt(o) == 'a' ? to.pair.a() : to.pair.b();
      long at = from == to || run.charAt(o + 7) != ' ' ? -1 : from.see(Integer.parseInt(run, o + 1, o + 7, 36));
      if (at == -1) {
        counts.markerErrors.increment();
      } else if (BenchSide.wasSeen(at)) {
        counts.duplicates.increment();
      } else {
        delivered(from, at, now);
      }
    }
  }

  private void delivered(BenchSide from, long sentAt, long now) {
    from.observed.incrementAndGet();
    if (sentAt >= windowStart && sentAt < windowEnd) {
      deliveredInWindow.increment();
      latencies.record(now - sentAt);
    }
    from.inFlight.decrementAndGet();
    if (settings.stress() && sending) {
      from.editor.context().runOnContext(v -> fill(from));
    }
  }

  /** Waits until every edit was seen by its partner and confirmed to its author, at most {@code DRAIN_MS}. */
  private void drain() throws InterruptedException {
    long deadline = System.currentTimeMillis() + DRAIN_MS;
    while (System.currentTimeMillis() < deadline && !ready.stream().allMatch(BenchPair::settled)) {
      Thread.sleep(100);
    }
  }
}
