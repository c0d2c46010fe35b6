package peerprep.collab.bench;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the benchmark's editors saw of the protocol and of failures, from any event loop. */
final class BenchCounts {
  final LongAdder pushes = new LongAdder();
  final LongAdder accepted = new LongAdder();
  final LongAdder conflicts = new LongAdder();
  final LongAdder pulls = new LongAdder();
  final LongAdder updatesFrames = new LongAdder();
  final LongAdder disconnects = new LongAdder();
  final LongAdder markerErrors = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();

  void error(String code) {
    errorCodes.computeIfAbsent(String.valueOf(code), c -> new LongAdder()).increment();
  }

  long serverErrors() {
    return errorCodes.values().stream().mapToLong(LongAdder::sum).sum();
  }

  JsonObject protocol() {
    return new JsonObject().put("pushes", pushes.sum()).put("accepted", accepted.sum()).put("conflicts", conflicts.sum())
      .put("pulls", pulls.sum()).put("updatesFrames", updatesFrames.sum());
  }

  JsonObject errorCodes() {
    JsonObject codes = new JsonObject();
    errorCodes.forEach((code, n) -> codes.put(code, n.sum()));
    return codes;
  }
}
