package peerprep.chat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import peerprep.common.testing.Latencies;

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
 * The client side of {@link ChatBenchmark}, run in its own JVM so the server's heap and file
 * descriptors are measured alone. It loads the server the way the peers harness ({@code ../shared/peers})
 * does: two users per room, one socket each; profile {@code human} sends at a fixed rate per user with
 * random phases (open loop), profile {@code stress} keeps at most {@code window} messages per user in
 * flight until the partner has them (closed loop). After a warm-up it measures a window: only messages
 * sent in it count, and their latency is end to end, sender to partner, on one clock. It prints
 * {@code CONNECTED}, waits for a line on stdin, prints {@code WINDOW} and {@code WINDOW-END} around the
 * measured window (the server samples its CPU there) and one {@code RESULT} line of JSON.
 */
public final class BenchClients {
  private static final int CONNECT_CONCURRENCY = 50;
  private static final long DRAIN_MS = 10_000;
  private final Vertx vertx = Vertx.vertx();
  private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
    .setMaxConnections(50_000).setConnectTimeout(30_000));
  private final List<Peer> peers = new ArrayList<>();
  private final Latencies latencies = new Latencies();
  private final LongAdder sentInWindow = new LongAdder();
  private final LongAdder deliveredInWindow = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final Settings settings;
  private volatile boolean inWindow;
  private volatile boolean sending;

  private BenchClients(Settings settings) {
    this.settings = settings;
  }

  /** What one run does, from the command line: port, sessions file, profile, warm-up s, window s, rate, window. */
  record Settings(int port, Path sessions, String profile, int warmupSeconds, int seconds, double rate, int window) {
    boolean stress() {
      return "stress".equals(profile);
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = new Settings(Integer.parseInt(args[0]), Path.of(args[1]), args[2], Integer.parseInt(args[3]),
      Integer.parseInt(args[4]), Double.parseDouble(args[5]), Integer.parseInt(args[6]));
    BenchClients bench = new BenchClients(settings);
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
      Peer a = new Peer(f[0], f[1], f[2]);
      Peer b = new Peer(f[0], f[3], f[4]);
      a.partner = b;
      b.partner = a;
      peers.add(a);
      peers.add(b);
    }
    connectAll(settings.port());
    double connectSeconds = (System.nanoTime() - start) / 1e9;
    System.out.println("CONNECTED " + peers.size() + " " + connectSeconds);
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

    sending = true;
    peers.forEach(Peer::start);
    Thread.sleep(settings.warmupSeconds() * 1000L);
    long cpuStart = cpuNanos();
    System.out.println("WINDOW");
    inWindow = true;
    long windowStart = System.nanoTime();
    Thread.sleep(settings.seconds() * 1000L);
    inWindow = false;
    double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
    System.out.println("WINDOW-END");
    double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
    sending = false;
    peers.forEach(Peer::stop);
    long deadline = System.currentTimeMillis() + DRAIN_MS;
    while (deliveredInWindow.sum() < sentInWindow.sum() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    System.out.println("RESULT " + new JsonObject().put("clientCpuSeconds", cpuSeconds)
      .put("sockets", peers.size()).put("connectSeconds", connectSeconds).put("windowSeconds", windowSeconds)
      .put("sentInWindow", sentInWindow.sum()).put("deliveredInWindow", deliveredInWindow.sum())
      .put("lost", sentInWindow.sum() - deliveredInWindow.sum()).put("acked", acked.sum()).put("errors", errors.sum())
      .put("p50Ms", latencies.percentile(50)).put("p99Ms", latencies.percentile(99)).put("maxMs", latencies.percentile(100))
      .encode());
    Future.join(peers.stream().map(p -> p.ws == null ? Future.succeededFuture() : p.ws.close()).toList())
      .await(30, TimeUnit.SECONDS);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
      .getProcessCpuTime();
  }

  private void connectAll(int port) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < CONNECT_CONCURRENCY; i++) {
      lanes.add(lane(port, next));
    }
    Future.all(lanes).await(300, TimeUnit.SECONDS);
  }

  private Future<Void> lane(int port, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= peers.size()) {
      return Future.succeededFuture();
    }
    return peers.get(i).connect(port).compose(v -> lane(port, next));
  }

  private final class Peer {
    private final String sessionId;
    private final String userId;
    private final String token;
    private final Promise<Void> synced = Promise.promise();
    private Peer partner;
    private WebSocket ws;
    private Context context;
    private long timer = -1;
    private int inFlight;

    private Peer(String sessionId, String userId, String token) {
      this.sessionId = sessionId;
      this.userId = userId;
      this.token = token;
    }

    Future<Void> connect(int port) {
      return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/sessions/" + sessionId + "/ws?access_token=" + token))
        .compose(socket -> {
          ws = socket;
          context = vertx.getOrCreateContext();
          socket.textMessageHandler(this::onFrame);
          return synced.future();
        });
    }

    private void onFrame(String text) {
      JsonObject frame = new JsonObject(text);
      switch (frame.getString("type")) {
        case "synced" -> synced.tryComplete();
        case "ack" -> acked.increment();
        case "error" -> errors.increment();
        case "message" -> onMessage(frame);
        default -> {
        }
      }
    }

    /** A message of the partner: its latency when it was sent in the window, and room for the partner's next. */
    private void onMessage(JsonObject frame) {
      if (userId.equals(frame.getString("user"))) {
        return;
      }
      String[] sent = frame.getString("text").split(" ");
      if ("w".equals(sent[1])) {
        deliveredInWindow.increment();
        latencies.record(System.nanoTime() - Long.parseLong(sent[0]));
      }
      partner.delivered();
    }

    /** Both sockets of a room live on this JVM's event loops; the partner's count is changed on its own. */
    private void delivered() {
      context.runOnContext(v -> {
        inFlight--;
        if (settings.stress()) {
          fill();
        }
      });
    }

    void start() {
      context.runOnContext(v -> {
        if (settings.stress()) {
          fill();
          return;
        }
        long intervalMs = Math.max(1, Math.round(1000 / settings.rate()));
        vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(intervalMs), t -> {
          send();
          timer = vertx.setPeriodic(intervalMs, id -> send());
        });
      });
    }

    private void fill() {
      while (sending && inFlight < settings.window()) {
        send();
      }
    }

    private void send() {
      if (!sending) {
        return;
      }
      inFlight++;
      boolean counted = inWindow;
      if (counted) {
        sentInWindow.increment();
      }
      ws.writeTextMessage("{\"type\":\"message\",\"text\":\"" + System.nanoTime() + (counted ? " w" : " -") + "\"}");
    }

    void stop() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
  }
}
