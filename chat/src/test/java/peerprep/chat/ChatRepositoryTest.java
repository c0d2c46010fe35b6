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
import peerprep.common.testing.TestEnv;
import peerprep.testkit.EmbeddedRedis;

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

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Chat storage: presence of a busy task and the time frames carry")
class ChatRepositoryTest {
  private static CommandConnection commands;
  private static ChatRepository repository;
  private static Redis redis;

  @BeforeAll
  static void start(Vertx vertx) {
    ChatConfig config = ChatConfig.from(new Settings(TestEnv.config(null)));
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
  @DisplayName("The time Redis writes into a live message frame is the text the service writes for the same id, leap days and centuries included")
  void liveFrameTime(Vertx vertx) {
    Principal ada = new Principal(UUID.randomUUID().toString(), "ada \"the first\"", Set.of());
    for (String seed : List.of("4102444799999-0", "13574649599999-0", "4107542399000-0", "9999999999999-0")) {
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
        repository.send(session, ada, ChatRepository.frameHead(ada), "c1", "hi \"there\" ✓", "x|\ny"));
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
}
