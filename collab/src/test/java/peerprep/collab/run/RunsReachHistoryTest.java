package peerprep.collab.run;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.CollabVerticle;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.collab.support.EndedStream;
import peerprep.collab.support.ExecutionPeer;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.TestEnv;
import peerprep.history.HistoryVerticle;
import peerprep.testkit.EmbeddedRedis;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's runs, language switches and display names travel with its attempt: the real collaboration,
 * execution and history services, on the embedded Redis and PostgreSQL.
 */
class RunsReachHistoryTest {
  private static final String CODE = "s = input()\nprint(s[::-1])\nprint('x' * 5000)\n";
  private static final int HISTORY_PORT = EmbeddedRedis.freePort();
  /** The real history service stands where the other classes have their stub, so this fixture has none. */
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = ServiceFixture.of(CollabVerticle::new)
    .assuming(ExecutionPeer::assumeSandbox).with(ExecutionPeer::start)
    .config(new JsonObject().put("HISTORY_SERVICE_URL", "http://127.0.0.1:" + HISTORY_PORT)
      .put("COLLAB_RETRY_BASE_MS", 50).put("COLLAB_RETRY_MAX_MS", 400));
  private static CollabFixture stack;
  private static Redis redis;

  @BeforeAll
  static void start() {
    stack = CollabFixture.of(service);
    await(stack.vertx().deployVerticle(new HistoryVerticle(), new DeploymentOptions().setConfig(TestEnv.config("collab_runs_history")
      .put("PORT", HISTORY_PORT).put("USER_SERVICE_URL", stack.auth().url()))));
    redis = Redis.createClient(stack.vertx(), EmbeddedRedis.url());
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("The attempt in history keeps the session's run (who, version, stdin, result, capped output), its language switches and display names")
  void runsReachHistory() {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    String id = await(stack.createSession(ada, linus));
    HttpResponse<Buffer> named = await(stack.http().put(stack.port(0), "localhost", "/sessions/" + id + "/me")
      .putHeader("Authorization", ada.bearer()).sendJsonObject(new JsonObject().put("displayName", "Ada L.")));
    assertThat(named.statusCode()).isEqualTo(204);
    CollabClient a = await(stack.join(0, ada, id));
    CollabClient l = await(stack.join(0, linus, id));
    switchLanguage(l, "javascript");
    switchLanguage(l, "python");
    a.edit(insert(CODE));
    await(l.reach(1));
    HttpResponse<Buffer> ran = await(stack.http().post(stack.port(0), "localhost", "/sessions/" + id + "/runs")
      .putHeader("Authorization", linus.bearer()).timeout(60_000).sendJsonObject(new JsonObject().put("stdin", "olleh\n")));
    assertThat(ran.statusCode()).as(ran.bodyAsString()).isEqualTo(200);
    String mark = await(EndedStream.lastId(redis));
    a.send(new JsonObject().put("type", "end"));
    await(EndedStream.entry(redis, id, mark));

    JsonObject attempt = fromHistory(linus, "/attempts/" + id);
    assertThat(attempt.getJsonArray("participants").getJsonObject(0).getString("displayName")).isEqualTo("Ada L.");
    assertThat(attempt.getString("language")).isEqualTo("python");
    JsonObject run = attempt.getJsonArray("runs").getJsonObject(0);
    assertThat(attempt.getJsonArray("runs")).hasSize(1);
    assertThat(run.getString("runId")).isEqualTo(ran.bodyAsJsonObject().getString("runId"));
    assertThat(run.getJsonObject("by").getString("id")).isEqualTo(linus.id());
    assertThat(run.getInteger("version")).isEqualTo(1);
    assertThat(run.getString("stdin")).isEqualTo("olleh\n");
    JsonObject result = run.getJsonObject("result");
    assertThat(result.getString("outcome")).isEqualTo("ok");
    assertThat(result.getInteger("exitCode")).isZero();
    assertThat(result.getLong("wallMs")).isPositive();
    assertThat(result.getString("stdout")).startsWith("hello\nxxx").hasSize(AttemptRuns.MAX_OUTPUT_CHARS);
    assertThat(result.getBoolean("stdoutTruncated")).isTrue();

    JsonObject replay = fromHistory(ada, "/attempts/" + id + "/replay");
    JsonArray switches = replay.getJsonArray("languageSwitches");
    assertThat(replay.getString("initialLanguage")).isEqualTo("python");
    assertThat(switches).hasSize(2);
    assertThat(switches.getJsonObject(0).getString("language")).isEqualTo("javascript");
    assertThat(switches.getJsonObject(0).getString("user")).isEqualTo(linus.id());
    assertThat(switches.getJsonObject(1).getString("from")).isEqualTo("javascript");
    assertThat(switches.getJsonObject(1).getInteger("v")).isZero();
    assertThat(replay.getJsonArray("runs").getJsonObject(0).getInteger("version")).isEqualTo(1);
  }

  private static void switchLanguage(CollabClient who, String language) {
    int mark = who.frameCount();
    who.send(new JsonObject().put("type", "language").put("language", language));
    await(who.await(mark, f -> "language".equals(f.getString("type")) && language.equals(f.getString("language"))));
  }

  private static JsonObject fromHistory(TestUser user, String path) {
    HttpResponse<Buffer> r = await(stack.http().get(HISTORY_PORT, "127.0.0.1", path).putHeader("Authorization", user.bearer()).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static ChangeSet insert(String text) {
    JsonArray section = new JsonArray().add(0);
    text.lines().forEach(section::add);
    section.add("");
    return ChangeSet.fromJson(new JsonArray().add(section));
  }
}
