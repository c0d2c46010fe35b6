package peerprep.execution.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The result of a run as the API reports it. {@code outcome}: {@code ok} (exit 0), {@code error} (another
 * exit status or a signal), {@code compile-error}, or {@code limit} (a limit stopped it, named by {@code limit}).
 */
public record RunResult(LanguageRuntime language, String outcome, Phase phase, Integer exitCode, String signal, String limit,
                        Execution execution, List<Diagnostic> diagnostics) {

  public JsonObject toJson() {
    JsonArray marks = new JsonArray();
    diagnostics.forEach(d -> marks.add(d.toJson()));
    return new JsonObject()
      .put("language", language.id())
      .put("outcome", outcome)
      .put("phase", phase.label())
      .put("exitCode", exitCode)
      .put("signal", signal)
      .put("limit", limit)
      .put("stdout", execution.stdout())
      .put("stdoutTruncated", execution.stdoutTruncated())
      .put("stderr", execution.stderr())
      .put("stderrTruncated", execution.stderrTruncated())
      .put("wallMs", execution.wallMs())
      .put("cpuMs", execution.usage().cpuMs() < 0 ? null : execution.usage().cpuMs())
      .put("peakMemoryKb", execution.usage().peakMemoryKb() < 0 ? null : execution.usage().peakMemoryKb())
      .put("diagnostics", marks);
  }
}
