package peerprep.collab;

import io.vertx.core.json.JsonObject;

/**
 * The result of one {@link CollabBenchmark} run as the peers harness's load client writes it (one JSON
 * line with the same field names, so the numbers compare), and the block of text printed before it.
 */
final class CollabBenchReport {
  private static final int TOKEN_CHARS = 8;

  private CollabBenchReport() {
  }

  /** The harness's fields from the editors' result {@code r}; rates are over the measured window. */
  static JsonObject summary(String profile, int sessions, JsonObject params, int warmup, int duration, String loadAverage,
                            JsonObject r) {
    double window = r.getDouble("windowS");
    int sockets = r.getInteger("sockets");
    return new JsonObject().put("peer", "peerprep-collab").put("runner", "make bench").put("profile", profile)
      .put("sessions", sessions).put("sessionsReady", r.getInteger("sessionsReady")).put("sockets", sockets)
      .put("params", params).put("tokenChars", TOKEN_CHARS).put("warmupS", warmup).put("durationS", duration)
      .put("setupS", round(r.getDouble("setupS"), 1)).put("loadAvgAtStart", loadAverage)
      .put("offeredPerSec", "human".equals(profile) ? sockets * params.getDouble("editsPerSecPerEditor") : null)
      .put("sentPerSec", round(r.getLong("sentInWindow") / window, 1))
      .put("deliveredPerSec", round(r.getLong("deliveredInWindow") / window, 1))
      .put("latencyMs", rounded(r.getJsonObject("latencyMs")))
      .put("convergence", r.getJsonObject("convergence"))
      .put("errors", new JsonObject().put("setupFailedSessions", sessions - r.getInteger("sessionsReady"))
        .put("disconnects", r.getLong("disconnects")).put("lost", r.getLong("lost"))
        .put("markerErrors", r.getLong("markerErrors")).put("duplicates", r.getLong("duplicates"))
        .put("serverErrors", r.getLong("serverErrors")))
      .put("errorCodes", r.getJsonObject("errorCodes")).put("protocol", r.getJsonObject("protocol"))
      .put("measure", new JsonObject().put("wallS", round(window, 2)));
  }

  /** CPU over the window, as percent of one core and as CPU-milliseconds per delivered edit. */
  static void cpu(JsonObject summary, double collabSeconds, double redisSeconds, double clientSeconds) {
    double wall = summary.getJsonObject("measure").getDouble("wallS");
    double delivered = summary.getDouble("deliveredPerSec") * wall;
    summary.put("procs", new JsonObject()
        .put("collab", new JsonObject().put("cpuPct", round(100 * collabSeconds / wall, 1)))
        .put("redis", new JsonObject().put("cpuPct", round(100 * redisSeconds / wall, 1))))
      .put("client", new JsonObject().put("cpuPct", round(100 * clientSeconds / wall, 1)))
      .put("costPerDelivered", delivered == 0 ? null : new JsonObject()
        .put("serversCpuMs", round(collabSeconds * 1000 / delivered, 4))
        .put("redisCpuMs", round(redisSeconds * 1000 / delivered, 4))
        .put("clientCpuMs", round(clientSeconds * 1000 / delivered, 4)));
  }

  static void print(JsonObject s) {
    JsonObject lat = s.getJsonObject("latencyMs");
    JsonObject conv = s.getJsonObject("convergence");
    JsonObject errors = s.getJsonObject("errors");
    JsonObject cost = s.getJsonObject("costPerDelivered");
    JsonObject procs = s.getJsonObject("procs");
    System.out.printf("%n%d sessions (%d of them ready, %d editor sockets, %d held by the server), set up in %.1f s; "
        + "load average %s%n", s.getInteger("sessions"), s.getInteger("sessionsReady"), s.getInteger("sockets"),
      s.getInteger("serverSockets"), s.getDouble("setupS"), s.getString("loadAvgAtStart"));
    System.out.printf("  accepted and delivered %.1f edits/s to the partner (%.1f/s made in the %.1f s window; %d lost, "
        + "%d error frames, %d disconnects)%n", s.getDouble("deliveredPerSec"), s.getDouble("sentPerSec"),
      s.getJsonObject("measure").getDouble("wallS"), errors.getLong("lost"), errors.getLong("serverErrors"),
      errors.getLong("disconnects"));
    System.out.printf("  edit -> partner applied: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (%d edits)%n",
      lat.getValue("p50"), lat.getValue("p95"), lat.getValue("p99"), lat.getValue("max"), lat.getInteger("n"));
    System.out.printf("  converged %d of %d sessions (same text %d, every token %d, server text equal %d, "
        + "unconfirmed left %d)%n", conv.getInteger("converged"), conv.getInteger("of"), conv.getInteger("equalText"),
      conv.getInteger("completeText"), conv.getInteger("serverMatches"), conv.getInteger("unconfirmed"));
    System.out.printf("  server CPU per delivered edit: %s ms (collab JVM %s ms + Redis %s ms; collab %.1f%%, Redis "
        + "%.1f%% of a core); client %.1f%%%n", cost == null ? "n/a" : round(cost.getDouble("serversCpuMs")
        + cost.getDouble("redisCpuMs"), 4), cost == null ? "n/a" : cost.getValue("serversCpuMs"),
      cost == null ? "n/a" : cost.getValue("redisCpuMs"), procs.getJsonObject("collab").getDouble("cpuPct"),
      procs.getJsonObject("redis").getDouble("cpuPct"), s.getJsonObject("client").getDouble("cpuPct"));
    System.out.printf("  live heap per idle socket (class histograms after full GC): %.1f KiB%n",
      s.getLong("liveHeapPerIdleSocketBytes") / 1024.0);
    System.out.println(s.encode());
  }

  private static JsonObject rounded(JsonObject latency) {
    JsonObject out = new JsonObject();
    latency.forEach(e -> out.put(e.getKey(), e.getValue() instanceof Double d ? (Double) round(d, 2) : e.getValue()));
    return out;
  }

  private static double round(double value, int digits) {
    if (Double.isNaN(value)) {
      return value;
    }
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
