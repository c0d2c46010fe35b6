package peerprep.matching;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.Deque;

/** A test user's matching WebSocket: frames are queued as they arrive and taken one by one. */
final class WsClient {
  private final WebSocket ws;
  private final Deque<JsonObject> frames = new ArrayDeque<>();
  private final Deque<Promise<JsonObject>> waiting = new ArrayDeque<>();
  private final Promise<Short> closed = Promise.promise();

  private WsClient(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(text -> arrived(new JsonObject(text)));
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
  }

  static Future<WsClient> connect(WebSocketClient client, int port, String token) {
    String uri = "/match/ws" + (token == null ? "" : "?access_token=" + token);
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
      .map(WsClient::new);
  }

  private synchronized void arrived(JsonObject frame) {
    Promise<JsonObject> p = waiting.poll();
    if (p != null) {
      p.complete(frame);
    } else {
      frames.add(frame);
    }
  }

  /** The next frame, as soon as it arrives. */
  synchronized Future<JsonObject> next() {
    JsonObject f = frames.poll();
    if (f != null) {
      return Future.succeededFuture(f);
    }
    Promise<JsonObject> p = Promise.promise();
    waiting.add(p);
    return p.future();
  }

  /** The frames already received and not taken yet. */
  synchronized int pending() {
    return frames.size();
  }

  Future<Void> send(JsonObject frame) {
    return ws.writeTextMessage(frame.encode());
  }

  Future<Void> sendText(String text) {
    return ws.writeTextMessage(text);
  }

  Future<Void> request(String topic, String difficulty) {
    return send(new JsonObject().put("type", "request").put("topic", topic).put("difficulty", difficulty));
  }

  /** Completes with the close status code when the server closes the socket. */
  Future<Short> closed() {
    return closed.future();
  }

  Future<Void> close() {
    return ws.close();
  }
}
