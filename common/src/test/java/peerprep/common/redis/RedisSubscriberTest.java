package peerprep.common.redis;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.testkit.EmbeddedRedis;

import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class RedisSubscriberTest {
  private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<Buffer> payloads = new LinkedBlockingQueue<>();
  private Promise<Void> resubscribed;
  private Redis redis;
  private RedisSubscriber subscriber;
  private String name;

  @BeforeEach
  void start(Vertx vertx) {
    resubscribed = Promise.promise();
    name = "sub-" + UUID.randomUUID();
    redis = Redis.createClient(vertx, EmbeddedRedis.url());
    subscriber = new RedisSubscriber(vertx, new RedisOptions().setConnectionString(EmbeddedRedis.url()).setPoolName(name),
      new RedisSubscriber.Listener() {
        @Override
        public void message(String channel, Buffer payload) {
          received.add(channel + "=" + payload);
          payloads.add(payload);
        }

        @Override
        public void resubscribed() {
          resubscribed.tryComplete();
        }
      });
    subscriber.start().await();
  }

  @AfterEach
  void stop() {
    subscriber.close().await();
    redis.close();
  }

  @Test
  @DisplayName("A subscription completes once Redis confirms it, and a published message arrives with its exact bytes")
  void deliversBytes() throws Exception {
    subscriber.subscribe(name + ":a").await();
    Buffer binary = Buffer.buffer(new byte[] {(byte) 0xff, 0, 'x', (byte) 0xc3});
    redis.send(Request.cmd(Command.PUBLISH).arg(name + ":a").arg(binary)).await();
    assertThat(payloads.poll(5, TimeUnit.SECONDS)).isEqualTo(binary);
  }

  @Test
  @DisplayName("After Redis drops the connection the subscriber reconnects, resubscribes, says so, and messages flow again")
  void reconnects() throws Exception {
    subscriber.subscribe(name + ":a").await();
    kill();
    resubscribed.future().await(10, TimeUnit.SECONDS);
    redis.send(Request.cmd(Command.PUBLISH).arg(name + ":a").arg("after")).await();
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(name + ":a=after");
  }

  @Test
  @DisplayName("A subscription asked for while the connection is down completes after the reconnect instead of failing")
  void subscribeWhileDown() throws Exception {
    subscriber.subscribe(name + ":a").await();
    kill();
    subscriber.subscribe(name + ":b").await(10, TimeUnit.SECONDS);
    redis.send(Request.cmd(Command.PUBLISH).arg(name + ":b").arg("late")).await();
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(name + ":b=late");
  }

  @Test
  @DisplayName("After unsubscribing, messages on that channel no longer arrive")
  void unsubscribes() throws Exception {
    subscriber.subscribe(name + ":a").await();
    subscriber.subscribe(name + ":b").await();
    subscriber.unsubscribe(name + ":a").await();
    redis.send(Request.cmd(Command.PUBLISH).arg(name + ":a").arg("dropped")).await();
    redis.send(Request.cmd(Command.PUBLISH).arg(name + ":b").arg("kept")).await();
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(name + ":b=kept");
    assertThat(subscriber.channels()).containsExactly(name + ":b");
  }

  private void kill() {
    redis.send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).await();
  }
}
