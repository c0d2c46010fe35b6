package peerprep.common.auth;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.Settings;
import peerprep.common.redis.Redises;
import peerprep.testkit.EmbeddedRedis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class RevocationsTest {
  private final List<Revocations> started = new ArrayList<>();
  private Settings settings;
  private Redis redis;
  private TokenIssuer issuer;

  @BeforeEach
  void setUp(Vertx vertx) {
    settings = new Settings(new JsonObject().put("REDIS_URL", EmbeddedRedis.url()));
    redis = Redises.client(vertx, settings);
    issuer = new TokenIssuer(vertx, JwtKeys.generate(), "key-r", List.of());
  }

  @AfterEach
  void tearDown() {
    started.forEach(r -> r.close().await());
    redis.close();
  }

  private Revocations start(Vertx vertx) throws Exception {
    Revocations r = new Revocations(vertx, redis, Redises.client(vertx, settings)).start().await(10, TimeUnit.SECONDS);
    started.add(r);
    return r;
  }

  private JwksVerifier verifier(Vertx vertx, Revocations revocations) {
    return new JwksVerifier(vertx, () -> Future.succeededFuture(issuer.jwks()), 60_000).revokedBy(revocations);
  }

  @Test
  @DisplayName("A revocation published by one task makes another task refuse the account's older token, and accept a newer one")
  void acrossTasks(Vertx vertx) throws Exception {
    Revocations publisher = start(vertx);
    Revocations other = start(vertx);
    JwksVerifier verifier = verifier(vertx, other);
    String userId = UUID.randomUUID().toString();
    String old = issuer.issue(new Principal(userId, "ada", Set.of("user")), 600);
    assertThat(verifier.verify(old).await().id()).isEqualTo(userId);
    Promise<String> heard = Promise.promise();
    other.onRevoked(heard::tryComplete);
    long before = System.currentTimeMillis();
    publisher.revoke(userId).await();
    assertThat(heard.future().await(5, TimeUnit.SECONDS)).isEqualTo(userId);
    assertThat(System.currentTimeMillis() - before).isLessThan(5_000);
    assertThatThrownBy(() -> verifier.verify(old).await()).isInstanceOf(InvalidTokenException.class).hasMessageContaining("revoked");
    String fresh = issuer.issue(new Principal(userId, "ada", Set.of("user")), 600);
    assertThat(verifier.verify(fresh).await().id()).isEqualTo(userId);
    String someoneElse = issuer.issue(new Principal(UUID.randomUUID().toString(), "linus", Set.of("user")), 600);
    assertThat(verifier.verify(someoneElse).await().username()).isEqualTo("linus");
  }

  @Test
  @DisplayName("A task started after a revocation reads it from Redis and refuses the older token")
  void loadedAtStart(Vertx vertx) throws Exception {
    String userId = UUID.randomUUID().toString();
    String old = issuer.issue(new Principal(userId, "ada", Set.of("user")), 600);
    start(vertx).revoke(userId).await();
    JwksVerifier late = verifier(vertx, start(vertx));
    assertThatThrownBy(() -> late.verify(old).await()).isInstanceOf(InvalidTokenException.class).hasMessageContaining("revoked");
  }
}
