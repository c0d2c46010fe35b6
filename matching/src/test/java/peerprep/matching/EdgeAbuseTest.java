package peerprep.matching;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.auth.Auth;
import peerprep.common.testing.EdgeAbuse;
import peerprep.common.testing.TestEnv;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Bad input at the matching service's edge")
class EdgeAbuseTest {
  @Test
  @DisplayName("Every body route answers malformed multipart with 415 and a NUL in any field with 400, and a stalled request head is closed")
  void everyBodyRoute(Vertx vertx) {
    Harness harness = Harness.start(vertx, "matching_edge_test", 1, new JsonObject().put("HTTP_HEADER_TIMEOUT_MS", 1_500));
    try {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", harness.auth.user("edge").bearer())
        .add(Auth.INTERNAL_HEADER, TestEnv.INTERNAL_TOKEN);

      EdgeAbuse.Report report = EdgeAbuse.probe(vertx, harness.config.getInteger("PORT"), "matching-service", "openapi/matching.json", headers);

      assertThat(report.findings()).isEmpty();
      assertThat(report.requests()).isGreaterThan(2);
      assertThat(EdgeAbuse.slowHead(vertx, harness.config.getInteger("PORT"), 5_000)).isNull();
    } finally {
      harness.stop();
    }
  }
}
