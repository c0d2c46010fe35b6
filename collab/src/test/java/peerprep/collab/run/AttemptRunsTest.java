package peerprep.collab.run;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the attempt keeps of each run: the history service's limits, never half a character. */
class AttemptRunsTest {

  private static String record(int n, String stdout, String stdin) {
    return new JsonObject().put("runId", "r" + n).put("by", new JsonObject().put("id", "u1").put("username", "ada"))
      .put("language", "python").put("version", n).put("startedAt", "2026-01-01T10:00:00Z")
      .put("finishedAt", "2026-01-01T10:00:01Z").put("stdin", stdin).put("code", "print(1)")
      .put("result", new JsonObject().put("outcome", "ok").put("stdout", stdout).put("stdoutTruncated", false)
        .put("stderr", "").put("stderrTruncated", true).put("wallMs", 12).put("exitCode", 0)
        .put("diagnostics", List.of())).encode();
  }

  @Test
  @DisplayName("A run is kept without its code, with the starter's id and outputs cut at the history service's limits")
  void summary() {
    JsonObject run = AttemptRuns.summarize(List.of(record(3, "y".repeat(5000), "z".repeat(1500)))).getJsonObject(0);
    assertThat(run.containsKey("code")).isFalse();
    assertThat(run.getString("by")).isEqualTo("u1");
    assertThat(run.getInteger("version")).isEqualTo(3);
    assertThat(run.getString("stdin")).hasSize(AttemptRuns.MAX_STDIN_CHARS);
    assertThat(run.getBoolean("stdinTruncated")).isTrue();
    JsonObject result = run.getJsonObject("result");
    assertThat(result.getString("stdout")).hasSize(AttemptRuns.MAX_OUTPUT_CHARS);
    assertThat(result.getBoolean("stdoutTruncated")).isTrue();
    assertThat(result.getBoolean("stderrTruncated")).as("cut by the runner").isTrue();
    assertThat(result.containsKey("diagnostics")).isFalse();
  }

  @Test
  @DisplayName("Only the latest runs are kept, oldest first")
  void latest() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < AttemptRuns.MAX_RUNS + 5; i++) {
      records.add(record(i, "", ""));
    }
    var kept = AttemptRuns.summarize(records);
    assertThat(kept).hasSize(AttemptRuns.MAX_RUNS);
    assertThat(kept.getJsonObject(0).getInteger("version")).isEqualTo(5);
  }

  @Test
  @DisplayName("A cut never splits a surrogate pair, which the history service would refuse")
  void surrogates() {
    String text = "a".repeat(AttemptRuns.MAX_OUTPUT_CHARS - 1) + "😀";
    String cut = AttemptRuns.cut(text, AttemptRuns.MAX_OUTPUT_CHARS);
    assertThat(cut).hasSize(AttemptRuns.MAX_OUTPUT_CHARS - 1);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    assertThat(AttemptRuns.cut("short", 10)).isEqualTo("short");
  }
}
