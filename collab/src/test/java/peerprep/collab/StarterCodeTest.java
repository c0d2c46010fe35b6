package peerprep.collab;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.support.CollabFixture;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.testing.TestAuth.TestUser;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class StarterCodeTest {
  private static final String PYTHON = "class Solution:\r\n    def two_sum(self, nums, target):\r\n        pass\r\n";
  private static final String JAVA = "class Solution {\n}\n";
  @RegisterExtension
  static final ServiceFixture<CollabVerticle> service = CollabFixture.service(1, new JsonObject());
  private static CollabFixture stack;

  @BeforeAll
  static void start() {
    stack = CollabFixture.of(service);
  }

  private static JsonObject withStarter(TestUser a, TestUser b) {
    return CollabFixture.sessionRequest(UUID.randomUUID().toString(), a, b)
      .put("starterCode", new JsonObject().put("python", PYTHON).put("java", JAVA));
  }

  @Test
  @DisplayName("A session starts with the starter code of its language as version 1, and its participants read every language's")
  void startsWithStarterCode(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.postSession(0, withStarter(ada, linus))
      .compose(r -> stack.session(0, linus, r.bodyAsJsonObject().getString("sessionId")))
      .onComplete(ctx.succeeding(json -> ctx.verify(() -> {
        assertThat(json.getString("text")).isEqualTo(PYTHON.replace("\r\n", "\n"));
        assertThat(json.getInteger("version")).isEqualTo(1);
        assertThat(json.getJsonObject("starterCode").getString("java")).isEqualTo(JAVA);
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("Both editors receive the starter code, and the attempt's log starts with it so a replay begins from it")
  void starterCodeInLogAndEditors(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    String starter = PYTHON.replace("\r\n", "\n");
    stack.postSession(0, withStarter(ada, linus)).map(r -> r.bodyAsJsonObject().getString("sessionId"))
      .compose(id -> stack.join(0, ada, id).compose(a -> stack.join(0, linus, id).compose(b -> {
        ctx.verify(() -> {
          assertThat(a.doc()).isEqualTo(starter);
          assertThat(b.doc()).isEqualTo(starter);
          assertThat(a.version()).isEqualTo(1);
        });
        a.edit(ChangeSet.fromJson(new JsonArray().add(starter.length()).add(new JsonArray().add(0).add("# done"))));
        return b.reach(2).compose(v -> {
          a.send(new JsonObject().put("type", "end"));
          return stack.history().awaitCalls(id, 1);
        });
      }))).onComplete(ctx.succeeding(calls -> ctx.verify(() -> {
        JsonObject attempt = calls.get(0);
        assertThat(attempt.getString("code")).isEqualTo(starter + "# done");
        JsonArray edits = attempt.getJsonArray("edits");
        assertThat(edits).hasSize(2);
        assertThat(edits.getJsonObject(0).getString("user")).isEqualTo("starter-code");
        assertThat(ChangeSet.fromJson(edits.getJsonObject(0).getJsonArray("changes")).apply("")).isEqualTo(starter);
        assertThat(edits.getJsonObject(1).getString("user")).isEqualTo(ada.id());
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("History records the language the code was last edited in: a switch after the last edit does not change it, an edit after a switch does")
  void languageOfTheFinalCode(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    Future<String> switchedLast = stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id).compose(a -> {
      a.edit(ChangeSet.fromJson(new JsonArray().add(new JsonArray().add(0).add("print(1)"))));
      return a.reach(1).compose(v -> {
        int from = a.frameCount();
        a.send(new JsonObject().put("type", "language").put("language", "java"));
        return a.awaitType(from, "language");
      }).compose(f -> {
        a.send(new JsonObject().put("type", "end"));
        return stack.history().awaitCalls(id, 1).map(calls -> calls.get(0).getString("language"));
      });
    }));
    Future<String> editedLast = stack.createSession(ada, linus).compose(id -> stack.join(0, ada, id).compose(a -> {
      int from = a.frameCount();
      a.send(new JsonObject().put("type", "language").put("language", "javascript"));
      return a.awaitType(from, "language").compose(f -> {
        a.edit(ChangeSet.fromJson(new JsonArray().add(new JsonArray().add(0).add("console.log(1)"))));
        return a.reach(1);
      }).compose(v -> {
        a.send(new JsonObject().put("type", "end"));
        return stack.history().awaitCalls(id, 1).map(calls -> calls.get(0).getString("language"));
      });
    }));
    Future.all(switchedLast, editedLast).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(switchedLast.result()).isEqualTo("python");
      assertThat(editedLast.result()).isEqualTo("javascript");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("Without starter code for its language a session starts empty at version 0")
  void noStarterForLanguage(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    stack.postSession(0, withStarter(ada, linus).put("language", "cpp"))
      .compose(r -> stack.session(0, ada, r.bodyAsJsonObject().getString("sessionId")))
      .onComplete(ctx.succeeding(json -> ctx.verify(() -> {
        assertThat(json.getString("text")).isEmpty();
        assertThat(json.getInteger("version")).isZero();
        ctx.completeNow();
      })));
  }

  @Test
  @DisplayName("Starter code for an unknown language, or that is not text, is a 400 whose detail names the field")
  void invalidStarterCode(VertxTestContext ctx) {
    TestUser ada = stack.user("ada"), linus = stack.user("linus");
    JsonObject cobol = withStarter(ada, linus).put("starterCode", new JsonObject().put("cobol", "DISPLAY 'HI'."));
    JsonObject number = withStarter(ada, linus).put("starterCode", new JsonObject().put("python", 5));
    JsonObject array = withStarter(ada, linus).put("starterCode", new JsonArray().add("x"));
    Future.all(stack.postSession(0, cobol), stack.postSession(0, number), stack.postSession(0, array))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        for (int i = 0; i < 3; i++) {
          assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(i).statusCode()).isEqualTo(400);
        }
        assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).bodyAsJsonObject().getString("detail")).contains("starterCode.cobol");
        assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).bodyAsJsonObject().getString("detail")).contains("'starterCode.python' must be a string");
        assertThat(all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(2).bodyAsJsonObject().getString("detail")).contains("'starterCode'");
        ctx.completeNow();
      })));
  }
}
