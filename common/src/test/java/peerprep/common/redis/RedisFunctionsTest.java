package peerprep.common.redis;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.testkit.EmbeddedRedis;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class RedisFunctionsTest {
  private Redis redis;

  @BeforeEach
  void connect(Vertx vertx) {
    redis = Redis.createClient(vertx, EmbeddedRedis.url());
  }

  @AfterEach
  void close() {
    redis.close();
  }

  @Test
  @DisplayName("A library loads with FUNCTION LOAD under a name versioned by its content and its function runs with FCALL")
  void loadAndCall() {
    RedisFunctions counter = RedisFunctions.of(redis, RedisFunctionsTest.class, "counter").load().await();
    String key = "test:" + UUID.randomUUID();
    assertThat(counter.library()).matches("counter_[0-9a-f]{8}");
    assertThat(counter.call("add", List.of(key), List.of(5)).await().toLong()).isEqualTo(5);
    assertThat(counter.call("add", List.of(key), List.of(2)).await().toLong()).isEqualTo(7);
    Response listed = redis.send(Request.cmd(Command.FUNCTION).arg("LIST").arg("LIBRARYNAME").arg(counter.library())).await();
    assertThat(listed.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("A call after Redis lost its functions loads the library again and succeeds")
  void reloadsWhenMissing() {
    RedisFunctions counter = RedisFunctions.of(redis, RedisFunctionsTest.class, "counter").load().await();
    redis.send(Request.cmd(Command.FUNCTION).arg("DELETE").arg(counter.library())).await();
    String key = "test:" + UUID.randomUUID();
    assertThat(counter.call("add", List.of(key), List.of(3)).await().toLong()).isEqualTo(3);
  }

  @Test
  @DisplayName("A call through a connection of the caller's own runs there, and reloads the library when Redis lost it")
  void callThroughOwnConnection() {
    RedisFunctions counter = RedisFunctions.of(redis, RedisFunctionsTest.class, "counter").load().await();
    RedisConnection own = redis.connect().await();
    List<Request> sent = new java.util.ArrayList<>();
    java.util.function.Function<Request, io.vertx.core.Future<Response>> via = r -> {
      sent.add(r);
      return own.send(r);
    };
    String key = "test:" + UUID.randomUUID();
    assertThat(counter.call(via, "add", List.of(key), List.of(4)).await().toLong()).isEqualTo(4);
    redis.send(Request.cmd(Command.FUNCTION).arg("DELETE").arg(counter.library())).await();
    assertThat(counter.call(via, "add", List.of(key), List.of(1)).await().toLong()).isEqualTo(5);
    assertThat(sent).hasSize(3);
    own.close().await();
  }

  @Test
  @DisplayName("Calling a function the library does not have fails with Redis's error, not a reload loop")
  void unknownFunction() {
    RedisFunctions counter = RedisFunctions.of(redis, RedisFunctionsTest.class, "counter").load().await();
    assertThatThrownBy(() -> counter.call("subtract", List.of("k"), List.of(1)).await())
      .hasMessageContaining("Function not found");
  }

  @Test
  @DisplayName("A library whose header does not carry the version placeholder, or that is missing, is refused at once")
  void refusesUnversioned() {
    assertThatThrownBy(() -> RedisFunctions.of(redis, RedisFunctionsTest.class, "unversioned"))
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("__LIBRARY__");
    assertThatThrownBy(() -> RedisFunctions.of(redis, RedisFunctionsTest.class, "absent"))
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("not on the classpath");
  }
}
