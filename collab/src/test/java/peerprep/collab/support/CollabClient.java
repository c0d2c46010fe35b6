package peerprep.collab.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.collab.ot.ChangeAlgebra;
import peerprep.collab.ot.ChangeSet;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A participant's editor as the browser runs it with {@code @codemirror/collab}: local edits wait in
 * {@code unconfirmed} and are pushed with the synced version; incoming updates confirm own changes by
 * clientID and are rebased over the rest (the client rebases; the server never transforms).
 * Every received frame is kept for assertions.
 */
public final class CollabClient {
  private final Vertx vertx;
  private final WebSocketClient wsClient;
  private final String clientId = UUID.randomUUID().toString().substring(0, 8);
  private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
  private final List<String> anomalies = new CopyOnWriteArrayList<>();
  private final List<Watch> watches = new ArrayList<>();
  private final List<ChangeSet> unconfirmed = new ArrayList<>();
  private WebSocket ws;
  private String doc = "";
  private int version;
  private boolean synced;
  private boolean inFlight;
  private int waitVersion;
  private int dropped;
  private int edits;
  private Promise<Short> closed = Promise.promise();
  private UpdateListener listener = (c, u, t) -> { };

  public CollabClient(Vertx vertx) {
    this(vertx, vertx.createWebSocketClient());
  }

  /** A client sharing one WebSocket client with others (many simulated users in one process). */
  public CollabClient(Vertx vertx, WebSocketClient wsClient) {
    this.vertx = vertx;
    this.wsClient = wsClient;
  }

  public static WebSocketConnectOptions options(int port, String sessionId, String token) {
    String query = token == null ? "" : "?access_token=" + token;
    return new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/sessions/" + sessionId + "/ws" + query);
  }

  /** Opens the socket without saying hello (for protocol tests). */
  public Future<CollabClient> open(int port, String sessionId, String token) {
    closed = Promise.promise();
    return wsClient.connect(options(port, sessionId, token)).map(socket -> {
      synchronized (this) {
        ws = socket;
        synced = false;
        inFlight = false;
        waitVersion = 0;
      }
      socket.textMessageHandler(this::receive);
      socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
      return this;
    });
  }

  /** Connects and says hello with the version it has (none on the first connection). */
  public Future<CollabClient> connect(int port, String sessionId, String token, boolean fresh) {
    return open(port, sessionId, token).map(c -> {
      send(new JsonObject().put("type", "hello").put("version", fresh ? null : version()));
      return c;
    });
  }

  public Future<JsonObject> connectAndSync(int port, String sessionId, String token, boolean fresh) {
    int from = frames.size();
    return connect(port, sessionId, token, fresh).compose(c -> await(from, f -> "welcome".equals(f.getString("type"))))
      .compose(w -> syncedFuture().map(w));
  }

  private void receive(String text) {
    List<Runnable> done;
    synchronized (this) {
      process(new JsonObject(text));
      done = check();
    }
    done.forEach(Runnable::run);
  }

  private void process(JsonObject f) {
    frames.add(f);
    switch (f.getString("type")) {
      case "welcome" -> welcome(f);
      case "snapshot" -> snapshot(f);
      case "updates" -> updates(f);
      case "accepted", "conflict" -> {
        inFlight = false;
        waitVersion = f.getInteger("version");
      }
      default -> { }
    }
    maybePush();
  }

  private void welcome(JsonObject f) {
    if ("current".equals(f.getString("mode"))) {
      synced = true;
    } else if ("catch-up".equals(f.getString("mode")) && f.getInteger("version") != version) {
      anomalies.add("catch-up from " + f.getInteger("version") + " while at " + version);
    }
  }

  private void snapshot(JsonObject f) {
    dropped += unconfirmed.size();
    unconfirmed.clear();
    doc = f.getString("doc");
    version = f.getInteger("version");
    synced = true;
  }

  private void updates(JsonObject f) {
    JsonArray list = f.getJsonArray("updates");
    if (f.getInteger("version") != version) {
      anomalies.add("updates from " + f.getInteger("version") + " while at " + version);
      return;
    }
    version += list.size();
    synced = true;
    long now = System.nanoTime();
    int own = 0;
    while (own < list.size() && clientId.equals(list.getJsonObject(own).getString("clientID"))) {
      own++;
    }
    if (own > unconfirmed.size()) {
      anomalies.add("server confirmed " + own + " own updates, only " + unconfirmed.size() + " pending");
      own = unconfirmed.size();
    }
    unconfirmed.subList(0, own).clear();
    ChangeSet changes = null;
    for (int i = own; i < list.size(); i++) {
      JsonObject u = list.getJsonObject(i);
      listener.received(u.getString("clientID"), u, now);
      ChangeSet c = ChangeSet.fromJson(u.getJsonArray("changes"));
      changes = changes == null ? c : ChangeAlgebra.compose(changes, c);
    }
    if (changes == null) {
      return;
    }
    for (int i = 0; i < unconfirmed.size(); i++) {
      ChangeSet mine = unconfirmed.get(i);
      unconfirmed.set(i, ChangeAlgebra.map(mine, changes, false));
      changes = ChangeAlgebra.map(changes, mine, true);
    }
    doc = changes.apply(doc);
  }

  /** A random local edit of the current text; returns whether it changed anything. */
  public synchronized boolean editRandomly(java.util.Random random) {
    ChangeSet change = peerprep.collab.ot.RandomChanges.change(random, doc, 2);
    if (change.isEmpty()) {
      return false;
    }
    edit(change);
    edits++;
    return true;
  }

  public synchronized int edits() {
    return edits;
  }

  /** A local edit, as a CodeMirror transaction would make it. */
  public synchronized void edit(ChangeSet change) {
    if (change.isEmpty()) {
      return;
    }
    doc = change.apply(doc);
    unconfirmed.add(change);
    maybePush();
  }

  private void maybePush() {
    if (ws == null || ws.isClosed() || !synced || inFlight || unconfirmed.isEmpty() || version < waitVersion) {
      return;
    }
    JsonArray updates = new JsonArray();
    unconfirmed.forEach(c -> updates.add(new JsonObject().put("clientID", clientId).put("changes", c.toJson())));
    inFlight = true;
    send(new JsonObject().put("type", "push").put("version", version).put("updates", updates));
  }

  public void send(JsonObject message) {
    sendText(message.encode());
  }

  public void sendText(String text) {
    if (ws != null && !ws.isClosed()) {
      ws.writeTextMessage(text);
    }
  }

  public void sendBinary(Buffer data) {
    ws.writeBinaryMessage(data);
  }

  /** Completes with the first frame from index {@code from} on that matches. */
  public Future<JsonObject> await(int from, Predicate<JsonObject> match) {
    return watch(new Watch(from, match, null, Promise.promise()));
  }

  private Future<JsonObject> watch(Watch w) {
    List<Runnable> done;
    synchronized (this) {
      watches.add(w);
      done = check();
    }
    done.forEach(Runnable::run);
    return w.promise.future();
  }

  /** Matches a presence frame about the user {@code userId} with that status. */
  public static Predicate<JsonObject> presence(String userId, String status) {
    return f -> "presence".equals(f.getString("type")) && status.equals(f.getString("status"))
      && f.getJsonObject("user") != null && userId.equals(f.getJsonObject("user").getString("id"));
  }

  public Future<JsonObject> awaitType(int from, String type) {
    return await(from, f -> type.equals(f.getString("type")));
  }

  /** Completes when nothing local is pending or in flight. */
  public Future<JsonObject> idle() {
    return watch(new Watch(0, null, c -> c.unconfirmed.isEmpty() && !c.inFlight && c.synced, Promise.promise()));
  }

  public Future<JsonObject> reach(int target) {
    return watch(new Watch(0, null, c -> c.synced && c.version >= target, Promise.promise()));
  }

  private Future<JsonObject> syncedFuture() {
    return watch(new Watch(0, null, c -> c.synced, Promise.promise()));
  }

  /** The watches now satisfied, removed; their promises are completed by the caller outside the lock. */
  private List<Runnable> check() {
    List<Runnable> done = new ArrayList<>();
    watches.removeIf(w -> {
      JsonObject hit = null;
      if (w.state != null) {
        hit = w.state.test(this) ? new JsonObject().put("version", version) : null;
      } else {
        for (int i = w.from; i < frames.size() && hit == null; i++) {
          hit = w.match.test(frames.get(i)) ? frames.get(i) : null;
        }
      }
      if (hit != null) {
        JsonObject value = hit;
        done.add(() -> w.promise.complete(value));
      }
      return hit != null;
    });
    return done;
  }

  public Future<Short> closed() {
    return closed.future();
  }

  public Future<Void> close() {
    return ws == null || ws.isClosed() ? Future.succeededFuture() : ws.close();
  }

  public String closeReason() {
    return ws == null ? null : ws.closeReason();
  }

  public synchronized String doc() {
    return doc;
  }

  public synchronized int version() {
    return version;
  }

  public int frameCount() {
    return frames.size();
  }

  /** The position of this very frame (not an equal one) among those received; -1 if it is not one of them. */
  public synchronized int indexOf(JsonObject frame) {
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i) == frame) {
        return i;
      }
    }
    return -1;
  }

  public List<JsonObject> frames() {
    return List.copyOf(frames);
  }

  public List<String> anomalies() {
    return List.copyOf(anomalies);
  }

  public synchronized int dropped() {
    return dropped;
  }

  public synchronized int pending() {
    return unconfirmed.size();
  }

  public String clientId() {
    return clientId;
  }

  public void onRemoteUpdate(UpdateListener l) {
    this.listener = l;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Sees every remote update as it arrives (for latency measurements). */
  public interface UpdateListener {
    void received(String clientId, JsonObject update, long nanoTime);
  }

  private record Watch(int from, Predicate<JsonObject> match, Predicate<CollabClient> state, Promise<JsonObject> promise) {
  }
}
