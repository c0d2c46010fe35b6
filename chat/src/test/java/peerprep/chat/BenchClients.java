package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

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
 * descriptors are measured alone: connects two sockets per session, waits for "GO" on stdin, sends at
 * a steady pace for the given time, and prints one RESULT line of JSON.
 */
public final class BenchClients {
  private static final int CONNECT_CONCURRENCY = 50;
  private static final long DRAIN_MS = 30_000;
  private final Vertx vertx = Vertx.vertx();
  private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
    .setMaxConnections(50_000).setConnectTimeout(30_000));
  private final List<Peer> peers = new ArrayList<>();
  private final Latencies latencies = new Latencies();
  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder toPartner = new LongAdder();
  private volatile boolean measuring;
  private volatile boolean sending;

  private BenchClients() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    List<String> lines = Files.readAllLines(Path.of(args[1]));
    int seconds = Integer.parseInt(args[2]);
    int intervalMs = Integer.parseInt(args[3]);
    BenchClients bench = new BenchClients();
    try {
      bench.run(port, lines, seconds, intervalMs);
    } finally {
      bench.vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private void run(int port, List<String> sessions, int seconds, int intervalMs) throws Exception {
    long start = System.nanoTime();
    for (String line : sessions) {
      String[] f = line.split(" ");
      peers.add(new Peer(f[0], f[1], f[2]));
      peers.add(new Peer(f[0], f[3], f[4]));
    }
    connectAll(port);
    double connectSeconds = (System.nanoTime() - start) / 1e9;
    System.out.println("CONNECTED " + peers.size() + " " + connectSeconds);
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

    measuring = true;
    long cpuStart = cpuNanos();
    long loadStart = System.nanoTime();
    sending = true;
    peers.forEach(p -> p.startSending(intervalMs));
    Thread.sleep(seconds * 1000L);
    sending = false;
    peers.forEach(Peer::stopSending);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    long deliveredInWindow = delivered.sum();
    long expected = sent.sum();
    long deadline = System.currentTimeMillis() + DRAIN_MS;
    while ((acked.sum() + errors.sum() < expected || toPartner.sum() < acked.sum()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    measuring = false;
    double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
    System.out.println("RESULT " + new JsonObject().put("clientCpuSeconds", cpuSeconds)
      .put("sockets", peers.size()).put("connectSeconds", connectSeconds).put("loadSeconds", loadSeconds)
      .put("sent", expected).put("acked", acked.sum()).put("errors", errors.sum())
      .put("deliveredInWindow", deliveredInWindow).put("deliveredToPartner", toPartner.sum())
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
    private WebSocket ws;
    private long timer = -1;

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

    private void onMessage(JsonObject frame) {
      if (!measuring) {
        return;
      }
      delivered.increment();
      if (!userId.equals(frame.getString("user"))) {
        toPartner.increment();
        latencies.record(System.nanoTime() - Long.parseLong(frame.getString("text")));
      }
    }

    void startSending(int intervalMs) {
      long offset = 1 + ThreadLocalRandom.current().nextInt(intervalMs);
      vertx.setTimer(offset, t -> {
        send();
        timer = vertx.setPeriodic(intervalMs, id -> send());
      });
    }

    private void send() {
      if (!sending) {
        return;
      }
      sent.increment();
      ws.writeTextMessage(new JsonObject().put("type", "message").put("text", Long.toString(System.nanoTime())).encode());
    }

    void stopSending() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
  }
}
