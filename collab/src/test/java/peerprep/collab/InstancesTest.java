package peerprep.collab;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.support.CollabFixture;
import peerprep.collab.support.Typist;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.testkit.EmbeddedRedis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** COLLAB_INSTANCES: several instances in one process, sharing the port, each its own event loop. */
@ExtendWith(VertxExtension.class)
class InstancesTest {
  private static final int EDITS = 60;
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(0, new JsonObject()
    .put("COLLAB_MAX_MSGS_PER_SEC", 2000).put("COLLAB_ABANDON_GRACE_MS", 60_000));
  private static CollabFixture stack;
  private static Vertx vertx;
  private static List<Integer> shared;

  @BeforeAll
  static void start() {
    EmbeddedRedis.flushAll();
    stack = CollabFixture.of(service);
    vertx = stack.vertx();
    shared = service.deployCopies(2, new JsonObject());
  }

  @Test
  @DisplayName("Two editors on one port are served by different instances and converge on the server's text")
  void partnersOnTwoInstances(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.createSession(ada, linus).compose(id -> stack.join(shared.get(0), ada, id).compose(a -> stack.join(shared.get(0), linus, id).compose(b ->
      Future.all(Typist.type(vertx, a, 5, EDITS, 6, n -> { }), Typist.type(vertx, b, 6, EDITS, 6, n -> { }))
        .compose(v -> a.idle()).compose(v -> b.idle())
        .compose(v -> a.reach(2 * EDITS)).compose(v -> b.reach(2 * EDITS))
        .compose(v -> stack.session(shared.get(0), ada, id))
        .map(server -> {
          ctx.verify(() -> {
            assertThat(shared.stream().map(i -> service.verticle(i).sockets()))
              .as("each instance serves one of the two sockets").containsExactly(1, 1);
            assertThat(server.getInteger("version")).isEqualTo(2 * EDITS);
            assertThat(a.doc()).isEqualTo(server.getString("text"));
            assertThat(b.doc()).isEqualTo(server.getString("text"));
            assertThat(a.anomalies()).isEmpty();
            assertThat(b.anomalies()).isEmpty();
          });
          return server;
        }))))
      .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("The service refuses to start, naming the variable, when COLLAB_INSTANCES is not a count it can use")
  void malformedCount() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName())
      .redirectErrorStream(true);
    builder.environment().put("COLLAB_INSTANCES", "0");
    builder.environment().put("PORT", "0");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process exits by itself").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("COLLAB_INSTANCES must be a whole number from 1 to 64, got 0");
  }
}
