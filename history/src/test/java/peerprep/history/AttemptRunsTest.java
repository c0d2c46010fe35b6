package peerprep.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.history.HistoryService.await;

/** An attempt's runs, language switches and display names: stored, shown on the attempt and in the replay, refused when broken. */
class AttemptRunsTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static HistoryService service;

  @BeforeAll
  static void deploy() {
    service = new HistoryService(fixture);
  }

  static JsonObject run(TestUser by, int version, String stdout) {
    return new JsonObject().put("runId", UUID.randomUUID().toString()).put("by", by.id()).put("language", "python")
      .put("version", version).put("startedAt", "2026-01-01T10:20:00Z").put("finishedAt", "2026-01-01T10:20:01.250Z")
      .put("stdin", "3\n").put("stdinTruncated", false)
      .put("result", new JsonObject().put("outcome", "ok").put("phase", "run").put("exitCode", 0).putNull("signal")
        .putNull("limit").put("wallMs", 212).put("cpuMs", 30).put("peakMemoryKb", 8064).put("stdout", stdout)
        .put("stdoutTruncated", false).put("stderr", "").put("stderrTruncated", false));
  }

  static JsonObject languageSwitch(TestUser by, long t, int v, String from, String to) {
    return new JsonObject().put("t", t).put("v", v).put("user", by.id()).put("from", from).put("language", to);
  }

  /** Ada (shown as "Ada L.") and Linus, who ran the code twice and switched from Java to Python. */
  private static JsonObject richAttempt(TestUser ada, TestUser linus) {
    JsonObject attempt = Samples.attempt(ada, linus);
    attempt.getJsonArray("participants").getJsonObject(0).put("displayName", "Ada L.");
    long t0 = attempt.getJsonArray("edits").getJsonObject(0).getLong("t");
    return attempt
      .put("runs", new JsonArray().add(run(linus, 3, "[0, 1]\n")).add(run(ada, 5, "[1, 2]\n")))
      .put("languageSwitches", new JsonArray().add(languageSwitch(linus, t0 + 1, 2, "java", "python")));
  }

  private static JsonObject get(TestUser user, String path) {
    HttpResponse<Buffer> r = await(service.as(user, path).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("The attempt shows its runs with who started them, the language switches and both display names")
  void attemptShowsRuns() {
    TestUser ada = service.auth.user("ada"), linus = service.auth.user("linus");
    JsonObject attempt = richAttempt(ada, linus);
    service.record(attempt);
    JsonObject seen = get(linus, "/attempts/" + attempt.getString("sessionId"));
    assertThat(seen.getJsonArray("participants").getJsonObject(0).getString("displayName")).isEqualTo("Ada L.");
    assertThat(seen.getJsonArray("participants").getJsonObject(1).getValue("displayName")).isNull();
    JsonArray runs = seen.getJsonArray("runs");
    assertThat(runs).hasSize(2);
    assertThat(runs.getJsonObject(0).getJsonObject("by").getString("username")).isEqualTo(linus.username());
    assertThat(runs.getJsonObject(1).getJsonObject("by").getString("displayName")).isEqualTo("Ada L.");
    assertThat(runs.getJsonObject(1).getInteger("version")).isEqualTo(5);
    assertThat(runs.getJsonObject(1).getJsonObject("result").getString("stdout")).isEqualTo("[1, 2]\n");
    assertThat(runs.getJsonObject(0).getString("finishedAt")).isEqualTo("2026-01-01T10:20:01.250Z");
    assertThat(seen.getString("initialLanguage")).isEqualTo("java");
    assertThat(seen.getJsonArray("languageSwitches").getJsonObject(0).getString("user")).isEqualTo(linus.id());
  }

  @Test
  @DisplayName("The replay carries the runs and language switches with their versions and times")
  void replayShowsRuns() {
    TestUser ada = service.auth.user("ada"), linus = service.auth.user("linus");
    JsonObject attempt = richAttempt(ada, linus);
    service.record(attempt);
    JsonObject replay = get(ada, "/history-service-api/attempts/" + attempt.getString("sessionId") + "/replay");
    assertThat(replay.getString("initialLanguage")).isEqualTo("java");
    JsonObject sw = replay.getJsonArray("languageSwitches").getJsonObject(0);
    assertThat(sw.getInteger("v")).isEqualTo(2);
    assertThat(sw.getString("language")).isEqualTo("python");
    assertThat(sw.getLong("t")).isEqualTo(attempt.getJsonArray("edits").getJsonObject(0).getLong("t") + 1);
    assertThat(replay.getJsonArray("runs").getJsonObject(0).getInteger("version")).isEqualTo(3);
    assertThat(replay.getJsonArray("runs").getJsonObject(0).getJsonObject("by").getString("id")).isEqualTo(linus.id());
  }

  @Test
  @DisplayName("An attempt without runs or switches has none, starts in its own language, and lists the partner's display name")
  void withoutRuns() {
    TestUser ada = service.auth.user("ada"), linus = service.auth.user("linus");
    JsonObject attempt = Samples.attempt(ada, linus);
    attempt.getJsonArray("participants").getJsonObject(1).put("displayName", "  Linus T.  ");
    service.record(attempt);
    JsonObject seen = get(ada, "/attempts/" + attempt.getString("sessionId"));
    assertThat(seen.getJsonArray("runs")).isEmpty();
    assertThat(seen.getJsonArray("languageSwitches")).isEmpty();
    assertThat(seen.getString("initialLanguage")).isEqualTo("python");
    JsonObject listed = get(ada, "/attempts").getJsonArray("items").getJsonObject(0);
    assertThat(listed.getJsonObject("partner").getString("displayName")).isEqualTo("Linus T.");
  }

  @Test
  @DisplayName("A deleted account's runs show 'deleted user', its display name is gone and its switches have no author")
  void deletedStarter() {
    TestUser ada = service.auth.user("ada"), linus = service.auth.user("linus");
    JsonObject attempt = richAttempt(ada, linus);
    service.record(attempt);
    assertThat(await(service.internal(HttpMethod.DELETE, "/internal/users/" + ada.id()).send()).statusCode()).isEqualTo(204);
    assertThat(await(service.internal(HttpMethod.DELETE, "/internal/users/" + UUID.randomUUID()).send()).statusCode()).isEqualTo(204);
    JsonObject seen = get(linus, "/attempts/" + attempt.getString("sessionId"));
    JsonObject deleted = new JsonObject().putNull("id").put("username", "deleted user").putNull("displayName");
    assertThat(seen.getJsonArray("participants").getJsonObject(0)).isEqualTo(deleted);
    assertThat(seen.getJsonArray("runs").getJsonObject(1).getJsonObject("by")).isEqualTo(deleted);
    JsonObject replay = get(linus, "/attempts/" + attempt.getString("sessionId") + "/replay");
    assertThat(replay.getJsonArray("languageSwitches").getJsonObject(0).getString("user")).isEqualTo(linus.id());
    assertThat(service.count("SELECT count(*) FROM attempt_participants WHERE session_id = $1 AND display_name IS NOT NULL",
      UUID.fromString(attempt.getString("sessionId")))).isZero();
  }

  static Stream<Arguments> broken() {
    return Stream.of(
      Arguments.of("runs is not an array", 400, "'runs' must be an array",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.put("runs", "none")),
      Arguments.of("a run by someone else", 400, "runs[1].by",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("runs").getJsonObject(1).put("by", UUID.randomUUID().toString())),
      Arguments.of("an unknown outcome", 400, "runs[0].result.outcome",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("runs").getJsonObject(0).getJsonObject("result").put("outcome", "great")),
      Arguments.of("a run without a result", 400, "runs[0].result",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("runs").getJsonObject(0).remove("result")),
      Arguments.of("a fractional exit code", 400, "runs[0].result.exitCode",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("runs").getJsonObject(0).getJsonObject("result").put("exitCode", 1.5)),
      Arguments.of("a run finishing before it started", 400, "runs[0].finishedAt",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("runs").getJsonObject(0).put("finishedAt", "2026-01-01T10:19:00Z")),
      Arguments.of("a negative version", 400, "runs[0].version",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("runs").getJsonObject(0).put("version", -1)),
      Arguments.of("stdout over its cap", 413, "runs[0].result.stdout",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("runs").getJsonObject(0).getJsonObject("result").put("stdout", "x".repeat(4001))),
      Arguments.of("stdin over its cap", 413, "runs[1].stdin",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("runs").getJsonObject(1).put("stdin", "x".repeat(1001))),
      Arguments.of("more runs than are kept", 413, "201 runs",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> {
          JsonArray many = new JsonArray();
          for (int i = 0; i < 201; i++) {
            many.add(run(u, i, ""));
          }
          a.put("runs", many);
        }),
      Arguments.of("a switch by someone else", 400, "languageSwitches[0].user",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("languageSwitches").getJsonObject(0).put("user", UUID.randomUUID().toString())),
      Arguments.of("switches out of time order", 400, "languageSwitches[1].t",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("languageSwitches").add(languageSwitch(u, 1, 1, "python", "cpp"))),
      Arguments.of("a display name over 64 characters", 400, "participants[0].displayName",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("participants").getJsonObject(0).put("displayName", "a".repeat(65))),
      Arguments.of("a blank display name", 400, "participants[1].displayName",
        (BiConsumer<JsonObject, TestUser>) (a, u) -> a.getJsonArray("participants").getJsonObject(1).put("displayName", "  ")));
  }

  @ParameterizedTest(name = "{0} is a {1} naming the field, and nothing is stored")
  @MethodSource("broken")
  @DisplayName("A broken run, switch or display name is refused with a detail naming it, and nothing is stored")
  void refused(String what, int status, String named, BiConsumer<JsonObject, TestUser> breakIt) {
    TestUser ada = service.auth.user("ada"), linus = service.auth.user("linus");
    JsonObject attempt = richAttempt(ada, linus);
    breakIt.accept(attempt, linus);
    HttpResponse<Buffer> r = await(service.postAttempt(attempt));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(named);
    assertThat(service.attemptRows(attempt.getString("sessionId"))).isZero();
  }

  @Test
  @DisplayName("A stranger asking for the runs of an attempt gets the same 404 as for an unknown id")
  void strangerSeesNothing() {
    TestUser ada = service.auth.user("ada"), linus = service.auth.user("linus");
    JsonObject attempt = richAttempt(ada, linus);
    service.record(attempt);
    HttpResponse<Buffer> r = await(service.as(service.auth.user("eve"), "/attempts/" + attempt.getString("sessionId") + "/replay").send());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsString()).doesNotContain("[0, 1]");
  }
}
