package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.Settings;
import peerprep.common.redis.RedisFunctions;
import peerprep.common.redis.Redises;
import peerprep.testkit.EmbeddedRedis;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class AccessControlTest {
  @Test
  @DisplayName("Start-up loads the common function library once, before the first rate limit, lease or revocation needs it")
  void loadsCommonLibrary(Vertx vertx) {
    Settings settings = new Settings(new JsonObject().put("REDIS_URL", EmbeddedRedis.url()));
    Redis redis = Redises.client(vertx, settings);
    String library = RedisFunctions.common(redis).library();
    redis.send(Request.cmd(Command.FUNCTION).arg("DELETE").arg(library)).otherwiseEmpty().await();
    assertThat(libraries(redis, library)).isEmpty();

    JwksVerifier verifier = new JwksVerifier(vertx, () -> Future.succeededFuture(new JsonObject()), 60_000);
    AccessControl access = AccessControl.start(vertx, settings, redis, verifier, "test-service").await();
    try {
      assertThat(libraries(redis, library)).containsExactly(library);
      assertThat(access.functions().library()).isEqualTo(library);
    } finally {
      access.close().await();
      redis.close();
    }
  }

  private static List<String> libraries(Redis redis, String library) {
    Response list = redis.send(Request.cmd(Command.FUNCTION).arg("LIST").arg("LIBRARYNAME").arg(library)).await();
    return list.stream().map(entry -> entry.get("library_name").toString()).toList();
  }
}
