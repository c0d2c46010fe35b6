package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth;
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.List;

/**
 * What chat tests do with the service that {@link ServiceFixture} runs: instances numbered like tasks
 * (one that stops leaves the numbering), sockets of test users, the collaboration and history stand-ins,
 * and Redis.
 */
final class ChatFixture {
  final Vertx vertx;
  final TestAuth auth;
  final CollabStub collab;
  final HistoryStub history;
  final WebSocketClient ws;
  final WebClient http;
  final Redis redis;
  private final ServiceFixture<ChatVerticle> service;
  private final List<Integer> live = new ArrayList<>();

  private ChatFixture(ServiceFixture<ChatVerticle> service) {
    this.service = service;
    this.vertx = service.vertx();
    this.auth = service.auth();
    this.collab = service.companion(CollabStub.class);
    this.history = service.companion(HistoryStub.class);
    this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000));
    this.http = service.http();
    this.redis = Redis.createClient(vertx, EmbeddedRedis.url());
    for (int i = 0; i < service.instanceCount(); i++) {
      live.add(i);
    }
  }

  /** The service of a chat test class: {@code instances} tasks with the collaboration and history stand-ins. */
  static ServiceFixture<ChatVerticle> service(int instances, JsonObject config) {
    JsonObject settings = new JsonObject().put("CHAT_WARMUP_MESSAGES", 20).mergeIn(config);
    return ServiceFixture.of(ChatVerticle::new).instances(instances).config(settings)
      .with(CollabStub::start).with(HistoryStub::start);
  }

  /** The helpers over a started {@link #service}; call from {@code @BeforeAll}. */
  static ChatFixture of(ServiceFixture<ChatVerticle> service) {
    return new ChatFixture(service);
  }

  /** Deploys one more instance with the class's settings, as another task of the service would start. */
  ChatVerticle deploy() {
    return deploy(new JsonObject());
  }

  /** Deploys one more instance on a fresh port with the class's settings and these on top. */
  ChatVerticle deploy(JsonObject extra) {
    int index = service.deploy(new JsonObject().put("PORT", EmbeddedRedis.freePort()).mergeIn(extra));
    live.add(index);
    return service.verticle(index);
  }

  /** Stops an instance; the ones after it move up. */
  void undeploy(int instance) {
    service.undeploy(live.remove(instance));
  }

  ChatVerticle instance(int instance) {
    return service.verticle(live.get(instance));
  }

  int port(int instance) {
    return service.port(live.get(instance));
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

  /** Closes the test's own clients; the service fixture stops the service after the class. */
  void close() {
    ChatClient.await(Future.join(List.of(ws.close(), redis.close())));
  }
}
