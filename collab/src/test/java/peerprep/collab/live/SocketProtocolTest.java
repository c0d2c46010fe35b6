package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.CollabVerticle;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.collab.support.CollabFixture.Pair;
import peerprep.collab.support.CollabFixture.Solo;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebSocket protocol on one instance: handshake, sync, push, catch-up, limits, malformed frames. */
@ExtendWith(VertxExtension.class)
class SocketProtocolTest {
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(1, new JsonObject()
    .put("COLLAB_MAX_DOC_CHARS", 200).put("COLLAB_MAX_CHANGE_CHARS", 50).put("COLLAB_MAX_FRAME_BYTES", 4096)
    .put("COLLAB_MAX_MSGS_PER_SEC", 20).put("COLLAB_MAX_CATCHUP", 5).put("COLLAB_ABANDON_GRACE_MS", 60_000));
  private static CollabFixture stack;
  private static Vertx vertx;
  private static WebSocketClient handshakes;

  @BeforeAll
  static void start() {
    EmbeddedRedis.flushAll();
    stack = CollabFixture.of(service);
    vertx = stack.vertx();
    handshakes = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    handshakes.close();
  }

  private static ChangeSet insert(int at, int docLength, String text) {
    JsonArray json = new JsonArray();
    if (at > 0) {
      json.add(at);
    }
    json.add(new JsonArray().add(0).add(text));
    if (docLength > at) {
      json.add(docLength - at);
    }
    return ChangeSet.fromJson(json);
  }

  private static JsonObject push(int version, JsonArray changes) {
    return new JsonObject().put("type", "push").put("version", version)
      .put("updates", new JsonArray().add(new JsonObject().put("clientID", "raw").put("changes", changes)));
  }

  @Test
  @DisplayName("A fresh client is welcomed with the session and gets the whole text as a snapshot")
  void welcome(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id)).onComplete(ctx.succeeding(c -> ctx.verify(() -> {
      JsonObject welcome = c.frames().get(0);
      assertThat(welcome.getString("type")).isEqualTo("welcome");
      assertThat(welcome.getString("mode")).isEqualTo("snapshot");
      assertThat(welcome.getInteger("version")).isZero();
      assertThat(welcome.getString("language")).isEqualTo("python");
      assertThat(welcome.getJsonObject("you").getString("id")).isEqualTo(ada.id());
      assertThat(welcome.getJsonObject("limits").getInteger("maxDocChars")).isEqualTo(200);
      JsonArray people = welcome.getJsonArray("participants");
      assertThat(people.getJsonObject(0).getString("presence")).isEqualTo("online");
      assertThat(people.getJsonObject(1).getString("presence")).isEqualTo("offline");
      JsonObject snapshot = c.frames().stream().filter(f -> "snapshot".equals(f.getString("type"))).findFirst().orElseThrow();
      assertThat(snapshot.getString("doc")).isEmpty();
      ctx.completeNow();
    })));
  }

  /** A frame and the session as read after it. */
  private record Seen<T>(T frame, JsonObject session) {
  }

  private static <T> Future<Seen<T>> withSession(T frame, TestUser reader, String id) {
    return stack.session(0, reader, id).map(s -> new Seen<>(frame, s));
  }

  /** What a socket received from {@code mark} on. */
  private record Since(CollabClient client, int mark, JsonObject welcome) {
    List<JsonObject> frames() {
      return client.frames().subList(mark, client.frameCount());
    }
  }

  @Test
  @DisplayName("The welcome is the first frame: a partner who joins before hello is in it, not in a frame ahead of it")
  void welcomeComesFirst(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> partnerJoinsBeforeHello(id, ada, linus))
      .onComplete(ctx.succeeding(early -> ctx.verify(() -> {
        JsonObject w = early.welcome();
        assertThat(early.frames()).extracting(f -> f.getString("type")).startsWith("welcome", "snapshot");
        assertThat(early.client().frames().subList(0, early.mark())).extracting(f -> f.getString("type")).containsOnly("error");
        assertThat(w.getJsonArray("participants").getJsonObject(1).getString("presence")).isEqualTo("online");
        ctx.completeNow();
      })));
  }

  /** Ada's second socket is attached before its hello; Linus joins; then it says hello. */
  private static Future<Since> partnerJoinsBeforeHello(String id, TestUser ada, TestUser linus) {
    CollabClient early = new CollabClient(vertx);
    return stack.join(0, ada, id)
      .compose(observer -> attachBeforeHello(early, id, ada).map(observer))
      .compose(observer -> stack.join(0, linus, id)
        // the observer and the early socket share the task, so the presence was handed to both by now
        .compose(b -> observer.await(0, CollabClient.presence(linus.id(), "joined"))))
      .compose(seen -> hello(early));
  }

  private static Future<JsonObject> attachBeforeHello(CollabClient early, String id, TestUser ada) {
    return early.open(stack.port(0), id, ada.token()).compose(x -> {
      // answered only once the socket is attached to the session, so it receives the session's messages
      early.send(new JsonObject().put("type", "pull").put("version", 0));
      return early.awaitType(0, "error");
    });
  }

  private static Future<Since> hello(CollabClient client) {
    int mark = client.frameCount();
    client.send(new JsonObject().put("type", "hello"));
    return client.awaitType(mark, "snapshot").map(snapshot -> new Since(client, mark, client.frames().get(mark)));
  }

  @Test
  @DisplayName("An accepted push is acknowledged, reaches the partner and becomes the session's text")
  void pushReachesPartner(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 0).compose(p -> pushOnce(p, linus)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      Pair p = r.frame().pair();
      JsonObject u = r.frame().updates();
      assertThat(r.frame().accepted().getInteger("version")).isEqualTo(1);
      JsonObject update = u.getJsonArray("updates").getJsonObject(0);
      assertThat(u.getInteger("version")).isZero();
      assertThat(update.getString("clientID")).isEqualTo(p.a().clientId());
      assertThat(update.getString("user")).isEqualTo(ada.id());
      assertThat(p.b().doc()).isEqualTo("print(1)");
      assertThat(r.session().getString("text")).isEqualTo("print(1)");
      assertThat(r.session().getInteger("version")).isEqualTo(1);
      ctx.completeNow();
    })));
  }

  private record Pushed(Pair pair, JsonObject updates, JsonObject accepted) {
  }

  private static Future<Seen<Pushed>> pushOnce(Pair p, TestUser reader) {
    int mark = p.b().frameCount();
    p.a().edit(insert(0, 0, "print(1)"));
    Future<JsonObject> updates = p.b().awaitType(mark, "updates");
    Future<JsonObject> accepted = p.a().awaitType(0, "accepted");
    return Future.all(updates, accepted)
      .compose(all -> withSession(new Pushed(p, updates.result(), accepted.result()), reader, p.id()));
  }

  @Test
  @DisplayName("A push on an old version is answered with a conflict and the current version, and changes nothing")
  void stalePush(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.solo(ada, linus, 0).compose(s -> pushStale(s, ada)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.frame().getInteger("version")).isEqualTo(1);
      assertThat(r.session().getString("text")).isEqualTo("abc");
      assertThat(r.session().getInteger("version")).isEqualTo(1);
      ctx.completeNow();
    })));
  }

  private static Future<Seen<JsonObject>> pushStale(Solo s, TestUser reader) {
    CollabClient a = s.a();
    a.edit(insert(0, 0, "abc"));
    return a.reach(1).compose(v -> {
      int mark = a.frameCount();
      a.send(push(0, new JsonArray().add(new JsonArray().add(0).add("zzz"))));
      return a.awaitType(mark, "conflict");
    }).compose(conflict -> withSession(conflict, reader, s.id()));
  }

  @Test
  @DisplayName("A client that reconnects with its last version gets exactly the updates it missed")
  void catchUp(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 0).compose(p -> missTwoEdits(p, linus)).onComplete(ctx.succeeding(back -> ctx.verify(() -> {
      CollabClient b = back.client();
      List<JsonObject> after = back.frames().stream().filter(f -> !"presence".equals(f.getString("type"))).toList();
      assertThat(after.get(0).getString("mode")).isEqualTo("catch-up");
      assertThat(after.get(0).getInteger("version")).isEqualTo(1);
      JsonObject updates = after.get(1);
      assertThat(after).hasSize(2);
      assertThat(updates.getString("type")).isEqualTo("updates");
      assertThat(updates.getInteger("version")).isEqualTo(1);
      assertThat(updates.getJsonArray("updates")).hasSize(2);
      assertThat(b.doc()).isEqualTo("xyz");
      assertThat(b.anomalies()).isEmpty();
      ctx.completeNow();
    })));
  }

  private static Future<Since> missTwoEdits(Pair p, TestUser reader) {
    p.a().edit(insert(0, 0, "x"));
    return p.b().reach(1).compose(v -> p.b().close()).compose(v -> {
      p.a().edit(insert(1, 1, "y"));
      p.a().edit(insert(2, 2, "z"));
      return p.a().idle().compose(i -> p.a().reach(3));
    }).compose(v -> reconnect(p, reader)).compose(back -> back.client().reach(3).map(back));
  }

  private static Future<Since> reconnect(Pair p, TestUser reader) {
    int mark = p.b().frameCount();
    return p.b().connectAndSync(stack.port(0), p.id(), reader.token(), false).map(w -> new Since(p.b(), mark, w));
  }

  @Test
  @DisplayName("A client too far behind gets the whole text instead of the updates")
  void tooFarBehind(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.pair(ada, 0, linus, 0).compose(p -> missSevenEdits(p, linus)).onComplete(ctx.succeeding(back -> ctx.verify(() -> {
      assertThat(back.welcome().getString("mode")).isEqualTo("snapshot");
      JsonObject snapshot = back.frames().stream().filter(f -> "snapshot".equals(f.getString("type"))).findFirst().orElseThrow();
      assertThat(snapshot.getString("type")).isEqualTo("snapshot");
      assertThat(snapshot.getInteger("version")).isEqualTo(7);
      assertThat(snapshot.getString("doc")).isEqualTo("0123456");
      assertThat(back.client().doc()).isEqualTo("0123456");
      ctx.completeNow();
    })));
  }

  private static Future<Since> missSevenEdits(Pair p, TestUser reader) {
    return p.b().close().compose(v -> {
      for (int i = 0; i < 7; i++) {
        p.a().edit(insert(i, i, String.valueOf(i)));
      }
      return p.a().idle().compose(x -> p.a().reach(7));
    }).compose(v -> reconnect(p, reader));
  }

  @Test
  @DisplayName("Too large a change or document is refused with an error frame and the document stays intact")
  void sizeLimits(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.solo(ada, linus, 0).compose(s -> pushTooLarge(s, ada)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.frame().getJsonObject(0).getString("code")).isEqualTo("change-too-large");
      assertThat(r.frame().getJsonObject(1).getString("code")).isEqualTo("doc-too-large");
      assertThat(r.session().getString("text")).isEmpty();
      assertThat(r.session().getInteger("version")).isZero();
      ctx.completeNow();
    })));
  }

  private static Future<Seen<JsonArray>> pushTooLarge(Solo s, TestUser reader) {
    CollabClient a = s.a();
    int mark = a.frameCount();
    a.send(push(0, new JsonArray().add(new JsonArray().add(0).add("x".repeat(51)))));
    return a.awaitType(mark, "error").compose(e1 -> {
      int mark2 = a.frameCount();
      JsonArray many = new JsonArray();
      for (int i = 0; i < 5; i++) {
        many.add(new JsonObject().put("clientID", "raw").put("changes", new JsonArray().add(i * 45).add(new JsonArray().add(0).add("y".repeat(45)))));
      }
      a.send(new JsonObject().put("type", "push").put("version", 0).put("updates", many));
      return a.awaitType(mark2, "error").map(e2 -> new JsonArray().add(e1).add(e2));
    }).compose(errors -> withSession(errors, reader, s.id()));
  }

  @Test
  @DisplayName("A change that does not fit the document is refused as invalid and the socket stays usable")
  void invalidChange(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.solo(ada, linus, 0).compose(s -> pushInvalidThenValid(s, ada)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      List<String> codes = r.frame().frames().stream().filter(f -> "error".equals(f.getString("type"))).map(f -> f.getString("code")).toList();
      assertThat(codes).containsExactly("invalid-change", "invalid-change", "bad-message");
      assertThat(r.session().getString("text")).isEqualTo("ok");
      ctx.completeNow();
    })));
  }

  private static Future<Seen<CollabClient>> pushInvalidThenValid(Solo s, TestUser reader) {
    CollabClient a = s.a();
    int mark = a.frameCount();
    a.send(push(0, new JsonArray().add(5).add(new JsonArray().add(0).add("x"))));
    a.send(push(0, new JsonArray().add(new JsonArray().add(0).add("a\nb"))));
    a.send(new JsonObject().put("type", "push").put("version", "zero").put("updates", new JsonArray()));
    return a.await(mark, f -> "error".equals(f.getString("type")) && "bad-message".equals(f.getString("code")))
      .compose(bad -> {
        a.edit(insert(0, 0, "ok"));
        return a.idle();
      })
      .compose(v -> withSession(a, reader, s.id()));
  }

  @Test
  @DisplayName("A frame that is not JSON closes the socket with 4400 and a reason")
  void notJson(VertxTestContext ctx) {
    closesWith(ctx, c -> c.sendText("{not json"), 4400, "JSON");
  }

  @Test
  @DisplayName("A binary frame closes the socket with 4400 and a reason")
  void binary(VertxTestContext ctx) {
    closesWith(ctx, c -> c.sendBinary(Buffer.buffer(new byte[]{1, 2, 3})), 4400, "Binary");
  }

  @Test
  @DisplayName("A message of an unknown type closes the socket with 4400")
  void unknownType(VertxTestContext ctx) {
    closesWith(ctx, c -> c.send(new JsonObject().put("type", "format-disk")), 4400, "type");
  }

  @Test
  @DisplayName("A frame over the size limit closes the socket with 4413")
  void frameTooLarge(VertxTestContext ctx) {
    closesWith(ctx, c -> c.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}"), 4413, "limited");
  }

  @Test
  @DisplayName("A frame beyond twice the limit makes the WebSocket layer drop the connection (1006 at the client)")
  void frameFarTooLarge(VertxTestContext ctx) {
    closesWith(ctx, c -> c.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(9000) + "\"}"), 1006, "");
  }

  @Test
  @DisplayName("Flooding messages first gets a rate-limited error, then a close with 4429")
  void rateLimit(VertxTestContext ctx) {
    closesWith(ctx, c -> {
      for (int i = 0; i < 80; i++) {
        c.send(new JsonObject().put("type", "ping"));
      }
    }, 4429, "Too many");
  }

  private void closesWith(VertxTestContext ctx, java.util.function.Consumer<CollabClient> misbehave, int code, String reason) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.solo(ada, linus, 0).compose(s -> misbehave(s, misbehave, ada)).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      CollabClient a = r.frame();
      assertThat(a.closed().result()).isEqualTo((short) code);
      assertThat(a.closeReason() == null ? "" : a.closeReason()).contains(reason);
      assertThat(r.session().getString("status")).isEqualTo("active");
      if (code == 4429) {
        assertThat(a.frames()).anyMatch(f -> "rate-limited".equals(f.getString("code")));
      }
      ctx.completeNow();
    })));
  }

  private static Future<Seen<CollabClient>> misbehave(Solo s, java.util.function.Consumer<CollabClient> misbehave, TestUser reader) {
    misbehave.accept(s.a());
    return s.a().closed().compose(status -> withSession(s.a(), reader, s.id()));
  }

  @Test
  @DisplayName("Messages before hello are refused with a hello-first error; ping is answered with pong")
  void helloFirst(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> messagesBeforeHello(id, ada))
      .onComplete(ctx.succeeding(error -> ctx.verify(() -> {
        assertThat(error.getString("code")).isEqualTo("hello-first");
        ctx.completeNow();
      })));
  }

  /** The error a pull before hello gets, once the ping sent after it was answered. */
  private static Future<JsonObject> messagesBeforeHello(String id, TestUser ada) {
    CollabClient c = new CollabClient(vertx);
    return c.open(stack.port(0), id, ada.token()).compose(x -> {
      c.send(new JsonObject().put("type", "pull").put("version", 0));
      c.send(new JsonObject().put("type", "ping"));
      return c.awaitType(0, "error");
    }).compose(e -> c.awaitType(0, "pong").map(e));
  }

  @Test
  @DisplayName("The handshake is refused before upgrading: 401 without a valid token, 403 for outsiders, 404 for unknown sessions")
  void handshakeRefusals(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus"), eve = stack.user("eve");
    stack.createSession(ada, linus).compose(id -> Future.join(
        status(id, null), status(id, "garbage.token.here"), status(id, eve.token()),
        status(UUID.randomUUID().toString(), ada.token()), status("not-a-uuid", ada.token())))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertThat(all.<Integer>resultAt(0)).isEqualTo(401);
        assertThat(all.<Integer>resultAt(1)).isEqualTo(401);
        assertThat(all.<Integer>resultAt(2)).isEqualTo(403);
        assertThat(all.<Integer>resultAt(3)).isEqualTo(404);
        assertThat(all.<Integer>resultAt(4)).isEqualTo(404);
        ctx.completeNow();
      })));
  }

  private static Future<Integer> status(String sessionId, String token) {
    return handshakes.connect(CollabClient.options(stack.port(0), sessionId, token))
      .map(ws -> 101)
      .recover(e -> Future.succeededFuture(e instanceof UpgradeRejectedException r ? r.getStatus() : -1));
  }

  @Test
  @DisplayName("A plain GET on the WebSocket path is a 400 problem, not an upgrade")
  void plainGet(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus)
      .compose(id -> stack.http().get(stack.port(0), "localhost", "/sessions/" + id + "/ws").putHeader("Authorization", ada.bearer()).send())
      .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("detail")).contains("WebSocket");
        ctx.completeNow();
      })));
  }
}
