package peerprep.collab.run;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.CollabVerticle;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.support.CollabClient;
import peerprep.collab.support.CollabFixture;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Running a session's code through the collaboration service, against the real execution service. */
class RunApiTest {
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.withExecution(1, new JsonObject().put("COLLAB_RUNS_PER_SESSION", 3));
  private static CollabFixture stack;

  @BeforeAll
  static void start() {
    stack = CollabFixture.of(service);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A session of two fresh users whose editor holds {@code code}, with both of them connected. */
  private record Room(String id, TestUser ada, TestUser linus, CollabClient adaSocket, CollabClient linusSocket) {
  }

  private static Room room(String code) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    String id = await(stack.createSession(ada, linus));
    CollabClient a = await(stack.join(0, ada, id));
    CollabClient l = await(stack.join(0, linus, id));
    a.edit(insert(code));
    await(l.reach(1));
    return new Room(id, ada, linus, a, l);
  }

  /** Inserting {@code text} into an empty document, in CodeMirror's JSON (one string per line). */
  private static ChangeSet insert(String text) {
    JsonArray section = new JsonArray().add(0);
    text.lines().forEach(section::add);
    if (text.endsWith("\n")) {
      section.add("");
    }
    return ChangeSet.fromJson(new JsonArray().add(section));
  }

  private static Future<HttpResponse<Buffer>> post(Room r, TestUser who, JsonObject body) {
    return stack.http().post(stack.port(0), "localhost", "/sessions/" + r.id() + "/runs").putHeader("Authorization", who.bearer())
      .timeout(60_000).sendJsonObject(body);
  }

  @Test
  @DisplayName("A participant runs the session's code with stdin; both partners see who started it and the result")
  void bothSeeTheRun() {
    Room r = room("name = input()\nprint('hello', name)\n");
    int adaFrom = r.adaSocket().frameCount(), linusFrom = r.linusSocket().frameCount();
    HttpResponse<Buffer> answer = await(post(r, r.linus(), new JsonObject().put("stdin", "ada\n")));
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    JsonObject run = answer.bodyAsJsonObject();
    assertThat(run.getJsonObject("result").getString("stdout")).isEqualTo("hello ada\n");
    assertThat(run.getInteger("version")).isEqualTo(1);
    for (CollabClient c : new CollabClient[]{r.adaSocket(), r.linusSocket()}) {
      int from = c == r.adaSocket() ? adaFrom : linusFrom;
      JsonObject started = await(c.awaitType(from, "run-started"));
      assertThat(started.getJsonObject("run").getJsonObject("by").getString("username")).isEqualTo(r.linus().username());
      JsonObject finished = await(c.awaitType(from, "run-finished"));
      assertThat(finished.getJsonObject("run").getJsonObject("result").getString("stdout")).isEqualTo("hello ada\n");
      assertThat(finished.getJsonObject("run").getString("runId")).isEqualTo(run.getString("runId"));
    }
    HttpResponse<Buffer> listed = await(stack.http().get(stack.port(0), "localhost", "/sessions/" + r.id() + "/runs")
      .putHeader("Authorization", r.ada().bearer()).send());
    JsonObject kept = listed.bodyAsJsonObject().getJsonArray("runs").getJsonObject(0);
    assertThat(kept.getString("code")).isEqualTo("name = input()\nprint('hello', name)\n");
    assertThat(kept.getJsonObject("result").getString("outcome")).isEqualTo("ok");
    assertThat(listed.bodyAsJsonObject().getValue("running")).isNull();
  }

  @Test
  @DisplayName("While a run is going on, a second one is a 409 naming who started the first")
  void oneAtATime() {
    Room r = room("import time\ntime.sleep(2)\nprint('done')\n");
    int from = r.linusSocket().frameCount();
    Future<HttpResponse<Buffer>> first = post(r, r.ada(), new JsonObject());
    await(r.linusSocket().awaitType(from, "run-started"));
    HttpResponse<Buffer> second = await(post(r, r.linus(), new JsonObject()));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.bodyAsJsonObject().getString("detail")).contains("started by " + r.ada().username());
    JsonObject result = await(first).bodyAsJsonObject().getJsonObject("result");
    assertThat(result.getString("outcome")).as("the first run's outcome").isEqualTo("ok");
    assertThat(result.getString("stdout")).isEqualTo("done\n");
    assertThat(await(post(r, r.linus(), new JsonObject())).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("When the session's run quota is spent, a run is a 429 that says so")
  void quota() {
    Room r = room("print(1)\n");
    for (int i = 0; i < 3; i++) {
      assertThat(await(post(r, r.ada(), new JsonObject())).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> refused = await(post(r, r.ada(), new JsonObject()));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("all its 3 runs");
  }

  @Test
  @DisplayName("A compile error reaches both partners with the line to mark")
  void compileError() {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    String id = await(stack.createSession(ada, linus));
    CollabClient a = await(stack.join(0, ada, id));
    a.send(new JsonObject().put("type", "language").put("language", "cpp"));
    a.edit(insert("int main() {\n  return x;\n}\n"));
    await(a.idle());
    Room r = new Room(id, ada, linus, a, a);
    JsonObject result = await(post(r, linus, new JsonObject())).bodyAsJsonObject().getJsonObject("result");
    assertThat(result.getString("outcome")).isEqualTo("compile-error");
    assertThat(result.getJsonArray("diagnostics").getJsonObject(0).getInteger("line")).isEqualTo(2);
  }

  @Test
  @DisplayName("Someone outside the session cannot run its code or see its runs (404)")
  void outsiders() {
    Room r = room("print(1)\n");
    TestUser eve = stack.user("eve");
    assertThat(await(post(r, eve, new JsonObject())).statusCode()).isEqualTo(404);
    assertThat(await(stack.http().get(stack.port(0), "localhost", "/sessions/" + r.id() + "/runs")
      .putHeader("Authorization", eve.bearer()).send()).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("A stdin that is not a string is a 400")
  void badStdin() {
    Room r = room("print(1)\n");
    HttpResponse<Buffer> bad = await(post(r, r.ada(), new JsonObject().put("stdin", 42)));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("detail")).contains("'stdin' must be a string");
  }
}
