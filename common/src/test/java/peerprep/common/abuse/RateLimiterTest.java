package peerprep.common.abuse;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.Settings;
import peerprep.common.http.ApiException;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Redises;
import peerprep.testkit.EmbeddedRedis;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class RateLimiterTest {
  @Test
  @DisplayName("Over its limit a key gets 429 with the seconds left in the window, shared by two limiters on one Redis, while other keys pass")
  void limit(Vertx vertx) {
    Redis redis = Redises.client(vertx, new Settings(new JsonObject().put("REDIS_URL", EmbeddedRedis.url())));
    String name = "test-" + UUID.randomUUID();
    RateLimiter taskA = new RateLimiter(RedisFunctions.common(redis), name, 3, 60_000, "Slow down.");
    RateLimiter taskB = new RateLimiter(RedisFunctions.common(redis), name, 3, 60_000, "Slow down.");
    taskA.take("k").await();
    taskB.take("k").await();
    taskA.take("k").await();
    assertThatThrownBy(() -> taskB.take("k").await())
      .isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.extra().getLong("retryAfter")).isBetween(1L, 60L);
        assertThat(e.getMessage()).isEqualTo("Slow down.");
      });
    taskA.take("other").await();
    redis.close();
  }
}
