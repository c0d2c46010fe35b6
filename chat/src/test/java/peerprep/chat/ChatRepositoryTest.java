package peerprep.chat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.Settings;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.testing.RedisCommandStats;
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedRedis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import peerprep.common.auth.Principal;
import peerprep.common.redis.RedisSubscriber;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Chat storage: presence of a busy task and the time frames carry")
class ChatRepositoryTest {
  private static CommandConnection commands;
  private static ChatRepository repository;
  private static Redis redis;
  private static ChatConfig config;

  @BeforeAll
  static void start(Vertx vertx) {
    config = ChatConfig.from(new Settings(TestEnv.config(null)));
    commands = new CommandConnection(Redis.createClient(vertx,
      new RedisOptions().setConnectionString(EmbeddedRedis.url()).setMaxPoolSize(1).setMaxWaitingHandlers(32_768)));
    redis = Redis.createClient(vertx, EmbeddedRedis.url());
    repository = new ChatRepository(commands, RedisFunctions.of(redis, ChatRepositoryTest.class, "chat"), config);
    ChatClient.await(repository.loadFunctions());
  }

  @AfterAll
  static void stop() {
    ChatClient.await(commands.close());
    ChatClient.await(redis.close());
  }

  @Test
  @DisplayName("A task holding 17,000 sockets refreshes their presence in batches the command connection accepts (over 34,000 commands)")
  void refreshOfManySockets() {
    String session = UUID.randomUUID().toString();
    List<ChatRepository.PresenceEntry> entries = new ArrayList<>();
    for (int i = 0; i < 17_000; i++) {
      entries.add(new ChatRepository.PresenceEntry(session, "user" + i + "|" + UUID.randomUUID(), "user" + i));
    }
    long now = System.currentTimeMillis();

    ChatClient.await(repository.refresh(entries, now));

    long indexed = ChatClient.await(redis.send(Request.cmd(Command.ZCOUNT).arg("chat:presence")
      .arg(now + 1).arg("+inf"))).toLong();
    assertThat(indexed).isGreaterThanOrEqualTo(17_000);
    assertThat(2 * entries.size()).isGreaterThan(32_768);
  }

  @Test
  @DisplayName("The time Redis writes into a live message frame is the text the service writes for the same id, leap days, centuries and a second seen before included")
  void liveFrameTime(Vertx vertx) {
    Principal ada = new Principal(UUID.randomUUID().toString(), "ada \"the first\"", Set.of());
    for (String seed : List.of("4102444799999-0", "4102444799123-0", "13574649599999-0", "4107542399000-0", "9999999999999-0")) {
      String session = UUID.randomUUID().toString();
      List<JsonObject> frames = new ArrayList<>();
      Promise<Void> got = Promise.promise();
      RedisSubscriber subscriber = new RedisSubscriber(vertx, new RedisOptions().setConnectionString(EmbeddedRedis.url()),
        (channel, payload) -> {
          ChatEvent event = ChatEvent.parse(payload);
          frames.add(new JsonObject(new String(event.frame(), StandardCharsets.UTF_8)).put("connection", event.subject())
            .put("clientMsgId", Json.decodeValue(event.clientMsgId())));
          got.tryComplete();
        });
      ChatClient.await(subscriber.start().compose(v -> subscriber.subscribe(ChatRepository.channel(session))));
      ChatClient.await(redis.send(Request.cmd(Command.XADD).arg(ChatRepository.stream(session)).arg(seed)
        .arg("user").arg("seed").arg("name").arg("seed").arg("text").arg("seed")));

      ChatRepository.SendOutcome outcome = ChatClient.await(
        repository.send(session, ada, ChatRepository.frameHead(ada), "c1", "hi \"there\" ✓", "x|\ny", true));
      ChatClient.await(got.future());
      ChatClient.await(subscriber.close());

      String id = ((ChatRepository.SendOutcome.Stored) outcome).id();
      JsonObject frame = frames.get(0);
      assertThat(frame.getString("at")).isEqualTo(StreamIds.at(id));
      assertThat(frame.getString("id")).isEqualTo(id);
      assertThat(frame.getString("text")).isEqualTo("hi \"there\" ✓");
      assertThat(frame.getString("username")).isEqualTo(ada.username());
      assertThat(frame.getString("connection")).isEqualTo("c1");
      assertThat(frame.getString("clientMsgId")).isEqualTo("x|\ny");
    }
  }

  @Test
  @DisplayName("Messages asked for in one turn of the event loop are stored by one FCALL, each decided on its own: stored, refused as ended, failed in Redis")
  void oneTurnOneCall(Vertx vertx) {
    Principal ada = new Principal(UUID.randomUUID().toString(), "ada", Set.of());
    Principal bob = new Principal(UUID.randomUUID().toString(), "bob", Set.of());
    String live = UUID.randomUUID().toString();
    String ended = UUID.randomUUID().toString();
    String broken = UUID.randomUUID().toString();
    for (String session : List.of(live, ended, broken)) {
      ChatClient.await(redis.send(Request.cmd(Command.SET).arg(ChatRepository.sessionMarker(session)).arg("1")));
    }
    ChatClient.await(redis.send(Request.cmd(Command.SET).arg(ChatRepository.endedMarker(ended)).arg("1")));
    ChatClient.await(redis.send(Request.cmd(Command.SET).arg(ChatRepository.stream(broken)).arg("not a stream")));
    long callsBefore = RedisCommandStats.calls(redis, "fcall");

    Promise<List<Future<ChatRepository.SendOutcome>>> asked = Promise.promise();
    vertx.runOnContext(v -> asked.complete(List.of(
      repository.send(live, ada, ChatRepository.frameHead(ada), "c1", "first", "m1", true),
      repository.send(ended, ada, ChatRepository.frameHead(ada), "c1", "too late", "m2", true),
      repository.send(broken, bob, ChatRepository.frameHead(bob), "c2", "into a key that is not a stream", "m3", true),
      repository.send(live, ada, ChatRepository.frameHead(ada), "c1", "second", "m4", true))));
    List<Future<ChatRepository.SendOutcome>> outcomes = ChatClient.await(asked.future());
    ChatClient.await(Future.join(outcomes).otherwiseEmpty());

    assertThat(RedisCommandStats.calls(redis, "fcall") - callsBefore).isEqualTo(1);
    assertThat(outcomes.get(0).result()).isInstanceOf(ChatRepository.SendOutcome.Stored.class);
    assertThat(outcomes.get(1).result()).isInstanceOf(ChatRepository.SendOutcome.Ended.class);
    assertThat(outcomes.get(2).failed()).isTrue();
    assertThat(outcomes.get(2).cause()).hasMessageContaining("WRONGTYPE");
    assertThat(outcomes.get(3).result()).isInstanceOf(ChatRepository.SendOutcome.Stored.class);
    assertThat(ChatClient.await(repository.recent(live, 10))).extracting(ChatMessage::text).containsExactly("first", "second");
    assertThat(ChatClient.await(repository.recent(ended, 10))).isEmpty();
  }

  @Test
  @DisplayName("A turn with more messages than one call carries stores them all, in order, in several calls")
  void largeTurn(Vertx vertx) {
    Principal ada = new Principal(UUID.randomUUID().toString(), "ada", Set.of());
    String live = UUID.randomUUID().toString();
    ChatClient.await(redis.send(Request.cmd(Command.SET).arg(ChatRepository.sessionMarker(live)).arg("1")));
    int count = 2 * ChatRepository.MAX_SEND_BATCH + 7;
    ChatRepository unlimited = repository.withoutRateLimit();
    long callsBefore = RedisCommandStats.calls(redis, "fcall");

    Promise<List<Future<ChatRepository.SendOutcome>>> asked = Promise.promise();
    vertx.runOnContext(v -> {
      List<Future<ChatRepository.SendOutcome>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        all.add(unlimited.send(live, ada, ChatRepository.frameHead(ada), "c1", "m" + i, "id" + i, true));
      }
      asked.complete(all);
    });
    ChatClient.await(Future.all(ChatClient.await(asked.future())));

    assertThat(RedisCommandStats.calls(redis, "fcall") - callsBefore).isEqualTo(3);
    List<String> texts = ChatClient.await(unlimited.allAfter(live, StreamIds.ZERO)).stream().map(ChatMessage::text).toList();
    assertThat(texts).isEqualTo(IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
  }

  @Test
  @DisplayName("A message sets its stream's expiry to the retention and the refresh interval only when asked; otherwise the expiry stays as it was")
  void expiryOnlyWhenAsked() {
    Principal ada = new Principal(UUID.randomUUID().toString(), "ada", Set.of());
    String session = UUID.randomUUID().toString();
    ChatClient.await(redis.send(Request.cmd(Command.SET).arg(ChatRepository.sessionMarker(session)).arg("1")));
    String stream = ChatRepository.stream(session);

    ChatClient.await(repository.send(session, ada, ChatRepository.frameHead(ada), "c1", "first", "m1", true));
    long full = config.retentionSeconds() + ChatRepository.EXPIRY_REFRESH_MS / 1000;
    assertThat(ttl(stream)).isBetween(full - 5, full);

    ChatClient.await(redis.send(Request.cmd(Command.EXPIRE).arg(stream).arg(100)));
    ChatClient.await(repository.send(session, ada, ChatRepository.frameHead(ada), "c1", "second", "m2", false));
    assertThat(ttl(stream)).isBetween(90L, 100L);

    ChatClient.await(repository.send(session, ada, ChatRepository.frameHead(ada), "c1", "third", "m3", true));
    assertThat(ttl(stream)).isBetween(full - 5, full);
    assertThat(ChatClient.await(repository.recent(session, 10))).extracting(ChatMessage::text)
      .containsExactly("first", "second", "third");
  }

  private static long ttl(String key) {
    return ChatClient.await(redis.send(Request.cmd(Command.TTL).arg(key))).toLong();
  }
}
