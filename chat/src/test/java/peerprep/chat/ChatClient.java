package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test participant's socket: records every frame and lets a test wait for the ones it expects. */
final class ChatClient {
  private final WebSocket ws;
  private final List<JsonObject> frames = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final Promise<Short> closed = Promise.promise();

  private ChatClient(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(this::onFrame);
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
  }

  static Future<ChatClient> connect(WebSocketClient client, int port, String sessionId, String token, String after) {
    StringBuilder uri = new StringBuilder("/sessions/" + sessionId + "/ws");
    String sep = "?";
    if (token != null) {
      uri.append(sep).append("access_token=").append(token);
      sep = "&";
    }
    if (after != null) {
      uri.append(sep).append("after=").append(after);
    }
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri.toString()))
      .map(ChatClient::new);
  }

  /** Connects and waits until the backlog was delivered. */
  static ChatClient joined(WebSocketClient client, int port, String sessionId, String token, String after) {
    ChatClient c = await(connect(client, port, sessionId, token, after));
    c.waitFor(f -> "synced".equals(f.getString("type")));
    return c;
  }

  private synchronized void onFrame(String text) {
    JsonObject frame = new JsonObject(text);
    frames.add(frame);
    waiters.removeIf(w -> w.check(frames));
  }

  void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode());
  }

  void message(String text, String clientMsgId) {
    send(new JsonObject().put("type", "message").put("text", text).put("clientMsgId", clientMsgId));
  }

  void raw(String text) {
    ws.writeTextMessage(text);
  }

  void binary(byte[] data) {
    ws.writeBinaryMessage(Buffer.buffer(data));
  }

  synchronized List<JsonObject> frames() {
    return List.copyOf(frames);
  }

  synchronized List<JsonObject> ofType(String type) {
    return frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
  }

  /** Ids of the message frames, in the order they arrived. */
  List<String> messageIds() {
    return ofType("message").stream().map(f -> f.getString("id")).toList();
  }

  /**
   * Ids of every message this socket knows of, in arrival order: the partner's (message frames) and its
   * own (acks, which take the place of a copy).
   */
  List<String> seenIds() {
    return frames().stream().filter(f -> "message".equals(f.getString("type")) || "ack".equals(f.getString("type")))
      .map(f -> f.getString("id")).toList();
  }

  /** The first frame (already received or still to come) that matches. */
  JsonObject waitFor(Predicate<JsonObject> match) {
    return waitForCount(match, 1).get(0);
  }

  /** Waits until {@code n} frames match, and returns them in arrival order. */
  List<JsonObject> waitForCount(Predicate<JsonObject> match, int n) {
    Promise<List<JsonObject>> done = Promise.promise();
    synchronized (this) {
      Waiter w = new Waiter(match, n, done);
      if (!w.check(frames)) {
        waiters.add(w);
      }
    }
    try {
      return await(done.future());
    } catch (AssertionError e) {
      throw new AssertionError("Timed out; frames so far: " + frames(), e);
    }
  }

  List<JsonObject> waitForType(String type, int n) {
    return waitForCount(f -> type.equals(f.getString("type")), n);
  }

  short closeCode() {
    return await(closed.future());
  }

  /** The reason the server gave when it closed the socket, once it has. */
  String closeReason() {
    await(closed.future());
    return ws.closeReason();
  }

  void close() {
    await(ws.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Timed out waiting", e);
    }
  }

  private record Waiter(Predicate<JsonObject> match, int n, Promise<List<JsonObject>> done) {
    boolean check(List<JsonObject> frames) {
      List<JsonObject> found = frames.stream().filter(match).limit(n).toList();
      if (found.size() < n) {
        return false;
      }
      done.tryComplete(found);
      return true;
    }
  }
}
