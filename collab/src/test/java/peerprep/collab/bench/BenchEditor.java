package peerprep.collab.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.collab.ot.ChangeAlgebra;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.support.CollabClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One editor of the benchmark, with the web app's protocol logic ({@code web/src/collab/protocol.ts}) and
 * no view: {@code hello}, then a snapshot; one push in flight with the pending updates (at most 100),
 * pushes spaced by 50 ms; {@code accepted} waits for the echo of its updates, {@code conflict} waits
 * 1.5 s for the winning updates before it pulls; {@code updates} confirm its own changes by client id and
 * are rebased over the rest; a version gap is pulled; {@code rate-limited} and {@code unavailable} retry
 * after 1 s. Every method runs on the socket's context; it keeps no frames, so thousands fit in one JVM.
 */
final class BenchEditor {
  private static final long PUSH_INTERVAL_MS = 50;
  private static final int MAX_UPDATES_PER_PUSH = 100;
  private static final long RETRY_MS = 1000;
  private static final long CONFLICT_PATIENCE_MS = 1500;
  private final Vertx vertx;
  private final String clientId = UUID.randomUUID().toString().substring(0, 12);
  private final List<ChangeSet> unconfirmed = new ArrayList<>();
  private final Promise<Void> ready = Promise.promise();
  private final Consumer<List<ChangeSet>> remote;
  private final BenchCounts counts;
  private WebSocket ws;
  private Context context;
  private String doc = "";
  private int version;
  private boolean pushing;
  private int acceptedVersion = -1;
  private long lastPush;
  private long pushTimer = -1;
  private long conflictTimer = -1;
  private boolean ended;
  private volatile int pending;

  /** {@code remote} sees the partner's changes once they are applied, on this editor's context. */
  BenchEditor(Vertx vertx, BenchCounts counts, Consumer<List<ChangeSet>> remote) {
    this.vertx = vertx;
    this.counts = counts;
    this.remote = remote;
  }

  /** Opens the socket, says hello and completes once the snapshot is applied. */
  Future<Void> connect(WebSocketClient client, int port, String sessionId, String token) {
    return client.connect(CollabClient.options(port, sessionId, token).setHost("127.0.0.1")).compose(socket -> {
      ws = socket;
      context = vertx.getOrCreateContext();
      socket.textMessageHandler(text -> handle(new JsonObject(text)));
      socket.closeHandler(v -> {
        if (!ended) {
          counts.disconnects.increment();
        }
      });
      socket.writeTextMessage("{\"type\":\"hello\"}");
      return ready.future();
    });
  }

  Context context() {
    return context;
  }

  String doc() {
    return doc;
  }

  /** Changes made here that the server has not confirmed yet; readable from any thread. */
  int unconfirmed() {
    return pending;
  }

  private void handle(JsonObject f) {
    switch (f.getString("type")) {
      case "welcome" -> {
        if (!"snapshot".equals(f.getString("mode"))) {
          synced();
        }
      }
      case "snapshot" -> {
        unconfirmed.clear();
        doc = f.getString("doc");
        version = f.getInteger("version");
        synced();
      }
      case "updates" -> updates(f.getInteger("version"), f.getJsonArray("updates"));
      case "accepted" -> accepted(f.getInteger("version"));
      case "conflict" -> conflict(f.getInteger("version"));
      case "error" -> error(f.getString("code"));
      default -> {
      }
    }
    pending = unconfirmed.size();
  }

  private void synced() {
    ready.tryComplete();
    schedulePush();
  }

  private void updates(int from, JsonArray wire) {
    counts.updatesFrames.increment();
    if (!ready.future().isComplete()) {
      return;
    }
    if (from > version) {
      pull();
      return;
    }
    List<JsonObject> fresh = new ArrayList<>();
    for (int i = version - from; i < wire.size(); i++) {
      fresh.add(wire.getJsonObject(i));
    }
    if (!fresh.isEmpty()) {
      apply(fresh);
    }
    if (pushing && acceptedVersion >= 0 && version >= acceptedVersion) {
      pushing = false;
      acceptedVersion = -1;
    }
    schedulePush();
  }

  /** As {@code receiveUpdates}: leading own updates confirm pending ones; the rest rebase what is pending. */
  private void apply(List<JsonObject> fresh) {
    version += fresh.size();
    int own = 0;
    while (own < fresh.size() && clientId.equals(fresh.get(own).getString("clientID"))) {
      own++;
    }
    unconfirmed.subList(0, Math.min(own, unconfirmed.size())).clear();
    if (own == fresh.size()) {
      return;
    }
    List<ChangeSet> others = new ArrayList<>();
    ChangeSet changes = null;
    for (JsonObject u : fresh.subList(own, fresh.size())) {
      ChangeSet c = ChangeSet.fromJson(u.getJsonArray("changes"));
      others.add(c);
      changes = changes == null ? c : ChangeAlgebra.compose(changes, c);
    }
    for (int i = 0; i < unconfirmed.size(); i++) {
      ChangeSet mine = unconfirmed.get(i);
      unconfirmed.set(i, ChangeAlgebra.map(mine, changes, false));
      changes = ChangeAlgebra.map(changes, mine, true);
    }
    doc = changes.apply(doc);
    remote.accept(others);
  }

  private void accepted(int at) {
    counts.accepted.increment();
    if (version >= at) {
      pushing = false;
      acceptedVersion = -1;
      schedulePush();
    } else {
      acceptedVersion = at;
    }
  }

  private void conflict(int at) {
    counts.conflicts.increment();
    pushing = false;
    acceptedVersion = -1;
    cancel(conflictTimer);
    if (version >= at) {
      schedulePush();
      return;
    }
    conflictTimer = vertx.setTimer(CONFLICT_PATIENCE_MS, id -> {
      conflictTimer = -1;
      if (version < at) {
        pull();
      }
    });
  }

  private void error(String code) {
    counts.error(code);
    if ("rate-limited".equals(code) || "unavailable".equals(code)) {
      pushing = false;
      cancel(pushTimer);
      pushTimer = vertx.setTimer(RETRY_MS, id -> {
        pushTimer = -1;
        push();
      });
    }
  }

  private void pull() {
    counts.pulls.increment();
    ws.writeTextMessage(new JsonObject().put("type", "pull").put("version", version).encode());
  }

  /** Inserts {@code text} at {@code pos} of the current text, as one transaction of the editor. */
  void insert(int pos, String text) {
    List<Integer> lengths = new ArrayList<>();
    List<String> inserts = new ArrayList<>();
    if (pos > 0) {
      lengths.add(pos);
      inserts.add(null);
    }
    lengths.add(0);
    inserts.add(text);
    if (doc.length() > pos) {
      lengths.add(doc.length() - pos);
      inserts.add(null);
    }
    ChangeSet change = ChangeSet.of(lengths.stream().mapToInt(Integer::intValue).toArray(), inserts.toArray(String[]::new));
    doc = change.apply(doc);
    unconfirmed.add(change);
    pending = unconfirmed.size();
    schedulePush();
  }

  private void schedulePush() {
    if (pushTimer >= 0) {
      return;
    }
    long wait = lastPush + PUSH_INTERVAL_MS - System.currentTimeMillis();
    if (wait <= 0) {
      push();
      return;
    }
    pushTimer = vertx.setTimer(wait, id -> {
      pushTimer = -1;
      push();
    });
  }

  private void push() {
    if (!ready.future().isComplete() || pushing || ended || unconfirmed.isEmpty() || ws.isClosed()) {
      return;
    }
    JsonArray updates = new JsonArray();
    unconfirmed.stream().limit(MAX_UPDATES_PER_PUSH)
      .forEach(c -> updates.add(new JsonObject().put("clientID", clientId).put("changes", c.toJson())));
    ws.writeTextMessage(new JsonObject().put("type", "push").put("version", version).put("updates", updates).encode());
    counts.pushes.increment();
    pushing = true;
    lastPush = System.currentTimeMillis();
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  Future<Void> close() {
    ended = true;
    cancel(pushTimer);
    cancel(conflictTimer);
    return ws == null || ws.isClosed() ? Future.succeededFuture() : ws.close();
  }
}
