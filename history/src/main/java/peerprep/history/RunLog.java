package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * The runs of a session as the collaboration service summarizes them: who started each, on which
 * version of the code, in which language, with what input, and what came of it (outputs cut to
 * {@link #MAX_OUTPUT_CHARS}). Stored with the starter as the participant's position, as the edit log
 * stores its authors, so a deleted account disappears from its runs with its participant row.
 */
record RunLog(JsonArray stored) {
  static final int MAX_RUNS = 200;
  static final int MAX_STDIN_CHARS = 1_000;
  static final int MAX_OUTPUT_CHARS = 4_000;
  private static final int MAX_NAME_CHARS = 64;
  private static final Set<String> OUTCOMES = Set.of("ok", "error", "compile-error", "limit");
  private static final Set<String> PHASES = Set.of("compile", "run");

  static final RunLog NONE = new RunLog(new JsonArray());

  /** The body's optional {@code runs}, checked whole; absent or null is no runs. */
  static RunLog fromJson(JsonObject body, List<Participant> participants) {
    Fields f = Fields.of(body);
    if (!f.has("runs")) {
      return NONE;
    }
    JsonArray runs = f.array("runs");
    if (runs.size() > MAX_RUNS) {
      throw ApiException.tooLarge("The attempt has " + runs.size() + " runs; at most " + MAX_RUNS + " are kept.");
    }
    JsonArray stored = new JsonArray();
    for (int i = 0; i < runs.size(); i++) {
      stored.add(run(Fields.item(runs, i, "runs"), participants));
    }
    return new RunLog(stored);
  }

  private static JsonObject run(Fields r, List<Participant> participants) {
    OffsetDateTime startedAt = r.timestamp("startedAt");
    OffsetDateTime finishedAt = r.timestamp("finishedAt");
    if (finishedAt.isBefore(startedAt)) {
      throw ApiException.badRequest("The field '" + r.name("finishedAt") + "' is before '" + r.name("startedAt") + "'.");
    }
    return new JsonObject()
      .put("runId", r.shortText("runId", MAX_NAME_CHARS))
      .put("by", Participant.positionOf(r, "by", participants))
      .put("language", r.shortText("language", MAX_NAME_CHARS))
      .put("version", r.wholeNumber("version"))
      .put("startedAt", startedAt.toInstant().toString())
      .put("finishedAt", finishedAt.toInstant().toString())
      .put("stdin", r.capped("stdin", MAX_STDIN_CHARS))
      .put("stdinTruncated", r.flag("stdinTruncated"))
      .put("result", result(r.object("result")));
  }

  private static JsonObject result(Fields r) {
    return new JsonObject()
      .put("outcome", r.oneOf("outcome", OUTCOMES))
      .put("phase", r.has("phase") ? r.oneOf("phase", PHASES) : null)
      .put("exitCode", r.optionalInteger("exitCode"))
      .put("signal", optionalName(r, "signal"))
      .put("limit", optionalName(r, "limit"))
      .put("wallMs", r.optionalWholeNumber("wallMs"))
      .put("cpuMs", r.optionalWholeNumber("cpuMs"))
      .put("peakMemoryKb", r.optionalWholeNumber("peakMemoryKb"))
      .put("stdout", r.capped("stdout", MAX_OUTPUT_CHARS))
      .put("stdoutTruncated", r.flag("stdoutTruncated"))
      .put("stderr", r.capped("stderr", MAX_OUTPUT_CHARS))
      .put("stderrTruncated", r.flag("stderrTruncated"));
  }

  private static String optionalName(Fields r, String key) {
    return r.has(key) ? r.shortText(key, MAX_NAME_CHARS) : null;
  }

  int size() {
    return stored.size();
  }

  /** The stored runs as the API shows them: the starter resolved to the participant, as named today. */
  static JsonArray shownWith(JsonArray stored, List<Participant> participants) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < stored.size(); i++) {
      JsonObject run = stored.getJsonObject(i).copy();
      run.put("by", participants.get(run.getInteger("by")).toJson());
      out.add(run);
    }
    return out;
  }
}
