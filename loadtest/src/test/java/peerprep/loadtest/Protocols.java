package peerprep.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.http.HttpDsl.http;

/** The HTTP and WebSocket settings every simulation shares, and the shape of their assertions. */
final class Protocols {
  private Protocols() {
  }

  static HttpProtocolBuilder http() {
    return http
      .acceptHeader("application/json")
      .userAgentHeader("peerprep-loadtest")
      .wsUnmatchedInboundMessageBufferSize(2_000);
  }

  /** Fewer than 1% of all requests failed. */
  static Assertion errorRate() {
    return global().failedRequests().percent().lt(1.0);
  }

  /** The 95th and 99th percentile of each named request stay under the bounds (milliseconds). */
  static List<Assertion> percentiles(List<String> names, int p95, int p99) {
    List<Assertion> out = new ArrayList<>();
    for (String name : names) {
      out.add(details(name).responseTime().percentile(95.0).lt(p95));
      out.add(details(name).responseTime().percentile(99.0).lt(p99));
    }
    return out;
  }
}
