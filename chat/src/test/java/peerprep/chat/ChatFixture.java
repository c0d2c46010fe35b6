package peerprep.chat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import peerprep.common.testing.TestAuth;
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.List;

/**
 * The chat service under test: one or more ChatVerticle deployments (each its own port, like tasks)
 * on the embedded Redis, with token keys and stand-ins for the collaboration and history services.
 */
final class ChatFixture {
  final Vertx vertx;
  final TestAuth auth;
  final CollabStub collab;
  final HistoryStub history;
  final List<ChatVerticle> instances = new ArrayList<>();
  final List<String> deployments = new ArrayList<>();
  final WebSocketClient ws;
  final WebClient http;
  final Redis redis;
  private JsonObject overrides = new JsonObject();

  private ChatFixture(Vertx vertx, TestAuth auth, CollabStub collab, HistoryStub history) {
    this.vertx = vertx;
    this.auth = auth;
    this.collab = collab;
    this.history = history;
    this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000));
    this.http = WebClient.create(vertx);
    this.redis = Redis.createClient(vertx, EmbeddedRedis.url());
  }

  static ChatFixture start(Vertx vertx, int instances, JsonObject overrides) {
    TestAuth auth = ChatClient.await(TestAuth.start(vertx));
    CollabStub collab = ChatClient.await(CollabStub.start(vertx));
    HistoryStub history = ChatClient.await(HistoryStub.start(vertx));
    ChatFixture f = new ChatFixture(vertx, auth, collab, history);
    f.overrides = overrides;
    for (int i = 0; i < instances; i++) {
      f.deploy();
    }
    return f;
  }

  /** Deploys one more instance with the fixture's settings, as another task of the service would start. */
  ChatVerticle deploy() {
    return deploy(new JsonObject());
  }

  /** Deploys one more instance with the fixture's settings and these on top. */
  ChatVerticle deploy(JsonObject extra) {
    JsonObject config = TestEnv.config(null)
      .put("USER_SERVICE_URL", auth.url())
      .put("COLLABORATION_SERVICE_URL", collab.url())
      .put("HISTORY_SERVICE_URL", history.url())
      .mergeIn(overrides)
      .mergeIn(extra);
    ChatVerticle verticle = new ChatVerticle();
    deployments.add(ChatClient.await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))));
    instances.add(verticle);
    return verticle;
  }

  void undeploy(int index) {
    ChatClient.await(vertx.undeploy(deployments.remove(index)));
    instances.remove(index);
  }

  int port(int instance) {
    return instances.get(instance).port();
  }

  ChatClient join(int instance, String sessionId, TestAuth.TestUser user) {
    return ChatClient.joined(ws, port(instance), sessionId, user.token(), null);
  }

  ChatClient joinAfter(int instance, String sessionId, TestAuth.TestUser user, String after) {
    return ChatClient.joined(ws, port(instance), sessionId, user.token(), after);
  }

  Response redis(Request request) {
    return ChatClient.await(redis.send(request));
  }

  void close() {
    http.close();
    ChatClient.await(Future.join(List.of(ws.close(), redis.close(), auth.close(), collab.close(), history.close())));
    for (String id : List.copyOf(deployments)) {
      ChatClient.await(vertx.undeploy(id));
    }
  }
}
