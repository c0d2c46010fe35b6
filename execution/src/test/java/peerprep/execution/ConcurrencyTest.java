package peerprep.execution;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {
  static final int UID = 61_534;
  @RegisterExtension
  static final ServiceFixture<ExecutionVerticle> fixture = TestService.fixture(TestService.shortLimits().put("EXECUTION_SANDBOX_UID", UID)
      .put("EXECUTION_PARALLEL_RUNS", 2).put("EXECUTION_QUEUE_SIZE", 8))
    .assuming(TestService::assumeBubblewrap);
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  @Test
  @DisplayName("50 runs at once: 2 run, 8 wait, the rest get 429 with Retry-After; every accepted run completes and nothing leaks")
  void fiftyAtOnce() throws IOException {
    long fdsBefore = openFiles();
    WebClient wide = WebClient.create(service.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(service.config.getInteger("PORT")), new PoolOptions().setHttp1MaxSize(64));
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    // Each run lasts 3 s, so none ends (and frees its place) while the 50 requests are still arriving.
    for (int i = 0; i < 50; i++) {
      answers.add(wide.post("/internal/runs").timeout(120_000).putHeader("Connection", "close")
        .sendJsonObject(new JsonObject().put("language", "python").put("code", "import time\ntime.sleep(3)\nprint(" + i + " * 2)")));
    }
    TestService.await(Future.join(answers));
    int ok = 0;
    for (int i = 0; i < 50; i++) {
      HttpResponse<Buffer> r = answers.get(i).result();
      if (r.statusCode() == 200) {
        ok++;
        assertThat(r.bodyAsJsonObject().getString("stdout")).isEqualTo(i * 2 + "\n");
      } else {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(r.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      }
    }
    wide.close();
    assertThat(ok).isEqualTo(10);
    Leftovers.assertNone(service, UID, UID + 1);
    JsonObject health = service.get("/health").bodyAsJsonObject();
    assertThat(health.getString("outcome")).isEqualTo("UP");
    JsonObject after = service.run("python", "print('still here')");
    assertThat(after.getString("stdout")).isEqualTo("still here\n");
    // Counted after one more round trip, so the server has seen the closed connections close.
    assertThat(openFiles()).as("file descriptors of the service").isLessThanOrEqualTo(fdsBefore + 4);
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
