package peerprep.collab.run;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The runs of a session as its attempt carries them to the history service: the latest {@link #MAX_RUNS}
 * finished runs, each without its code (its version points into the edit log) and with its input and
 * outputs cut to what the history service keeps.
 */
public final class AttemptRuns {
  /** The history service's limits on an attempt's runs. */
  static final int MAX_RUNS = 200;
  static final int MAX_STDIN_CHARS = 1_000;
  static final int MAX_OUTPUT_CHARS = 4_000;

  private AttemptRuns() {
  }

  /** The Redis list of the session's finished runs (JSON records, oldest first). */
  public static String key(String sessionId) {
    return RunKeys.runs(sessionId);
  }

  /** The records of the list, summarized, oldest first. */
  public static JsonArray summarize(List<String> records) {
    JsonArray out = new JsonArray();
    records.subList(Math.max(0, records.size() - MAX_RUNS), records.size())
      .forEach(record -> out.add(summary(new JsonObject(record))));
    return out;
  }

  private static JsonObject summary(JsonObject run) {
    JsonObject result = run.getJsonObject("result", new JsonObject());
    String stdin = run.getString("stdin", "");
    return new JsonObject()
      .put("runId", run.getString("runId"))
      .put("by", run.getJsonObject("by").getString("id"))
      .put("language", run.getString("language"))
      .put("version", run.getInteger("version"))
      .put("startedAt", run.getString("startedAt"))
      .put("finishedAt", run.getString("finishedAt"))
      .put("stdin", cut(stdin, MAX_STDIN_CHARS))
      .put("stdinTruncated", stdin.length() > MAX_STDIN_CHARS)
      .put("result", new JsonObject()
        .put("outcome", result.getString("outcome"))
        .put("phase", result.getString("phase"))
        .put("exitCode", result.getInteger("exitCode"))
        .put("signal", result.getString("signal"))
        .put("limit", result.getString("limit"))
        .put("wallMs", result.getLong("wallMs"))
        .put("cpuMs", result.getLong("cpuMs"))
        .put("peakMemoryKb", result.getLong("peakMemoryKb"))
        .mergeIn(output(result, "stdout"))
        .mergeIn(output(result, "stderr")));
  }

  private static JsonObject output(JsonObject result, String name) {
    String text = result.getString(name, "");
    return new JsonObject().put(name, cut(text, MAX_OUTPUT_CHARS))
      .put(name + "Truncated", result.getBoolean(name + "Truncated", false) || text.length() > MAX_OUTPUT_CHARS);
  }

  /** At most {@code max} characters, never ending in half of a surrogate pair. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
