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
import peerprep.common.http.OpenApi;
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.ServiceFixture;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.history.HistoryService.await;

class AttemptAccessTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static HistoryService service;
  private static TestUser ada;
  private static TestUser linus;
  private static JsonObject posted;
  private static String path;

  @BeforeAll
  static void deploy() {
    service = new HistoryService(fixture);
    ada = service.auth.user("ada");
    linus = service.auth.user("linus");
    posted = Samples.attempt(ada, linus);
    service.record(posted);
    path = "/attempts/" + posted.getString("sessionId");
  }

  private static HttpResponse<Buffer> get(TestUser user, String path) {
    return await(service.as(user, path).send());
  }

  @Test
  @DisplayName("Both participants open the attempt with its code, question and participants")
  void participantsOpen() {
    for (TestUser user : new TestUser[]{ada, linus}) {
      HttpResponse<Buffer> r = get(user, path);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonObject a = r.bodyAsJsonObject();
      assertThat(a.getString("code")).isEqualTo(Samples.CODE);
      assertThat(a.getJsonObject("question")).isEqualTo(posted.getJsonObject("question"));
      assertThat(a.getJsonArray("participants")).isEqualTo(posted.getJsonArray("participants"));
      assertThat(a.getString("endReason")).isEqualTo("ended-by-participant");
      assertThat(a.getValue("transcript")).isNull();
    }
  }

  @Test
  @DisplayName("The attempt answers under the public prefix too")
  void answersUnderPrefix() {
    assertThat(get(ada, "/history-service-api" + path).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("An admin who was not in the session may open the attempt")
  void adminOpens() {
    HttpResponse<Buffer> r = get(service.auth.admin("root"), path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("sessionId")).isEqualTo(posted.getString("sessionId"));
  }

  @Test
  @DisplayName("Someone else gets the same 404 as for an attempt that does not exist")
  void strangerGets404() {
    HttpResponse<Buffer> stranger = get(service.auth.user("eve"), path);
    HttpResponse<Buffer> missing = get(ada, "/attempts/" + UUID.randomUUID());
    assertThat(stranger.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(stranger.bodyAsJsonObject().getString("detail")).doesNotContain("participant");
    assertThat(get(service.auth.user("eve"), path + "/replay").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("A malformed session id is a 400 with a detail")
  void malformedId() {
    HttpResponse<Buffer> r = get(ada, "/attempts/not-a-uuid");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("not-a-uuid");
    assertThat(get(ada, "/attempts/not-a-uuid/replay").statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("Without a token, or with a forged one, every user route is a 401")
  void needsToken() {
    String forged = "Bearer " + ada.token().substring(0, ada.token().lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
    for (String route : new String[]{path, path + "/replay", "/attempts", "/stats/me"}) {
      assertThat(await(service.request(HttpMethod.GET, route).send()).statusCode()).as(route).isEqualTo(401);
      HttpResponse<Buffer> r = await(service.request(HttpMethod.GET, route).putHeader("Authorization", forged).send());
      assertThat(r.statusCode()).as(route).isEqualTo(401);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  @DisplayName("The replay log, applied in order from the empty text, rebuilds every step up to the final code")
  void replayRebuildsCode() {
    HttpResponse<Buffer> r = get(linus, path + "/replay");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject replay = r.bodyAsJsonObject();
    JsonArray edits = replay.getJsonArray("edits");
    assertThat(edits).isEqualTo(posted.getJsonArray("edits"));
    String text = replay.getString("initialText");
    assertThat(text).isEmpty();
    long lastVersion = 0;
    for (int i = 0; i < edits.size(); i++) {
      JsonObject edit = edits.getJsonObject(i);
      assertThat(edit.getLong("v")).isGreaterThan(lastVersion);
      lastVersion = edit.getLong("v");
      text = TypingLog.apply(text, edit.getJsonArray("changes"));
      assertThat(Samples.CODE).startsWith(text.replaceAll("xq?$", "").replaceAll("x$", ""));
    }
    assertThat(text).isEqualTo(Samples.CODE);
  }

  @Test
  @DisplayName("An admin may fetch the replay of a session they were not in")
  void adminReplay() {
    HttpResponse<Buffer> r = get(service.auth.admin("root"), path + "/replay");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("edits").size()).isEqualTo(posted.getJsonArray("edits").size());
  }

  @Test
  @DisplayName("The document served is the one the routes were built from")
  void openApiMatchesRoutes() {
    JsonObject doc = OpenApi.load("openapi/history.json");
    HttpResponse<Buffer> served = await(service.request(HttpMethod.GET, "/openapi.json").send());
    assertThat(served.bodyAsJsonObject()).isEqualTo(doc);
  }

  @Test
  @DisplayName("The health check is 200 while the database answers")
  void health() {
    HttpResponse<Buffer> r = await(service.request(HttpMethod.GET, "/health").send());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).contains("postgres");
  }
}
