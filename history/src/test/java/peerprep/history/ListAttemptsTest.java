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
import peerprep.common.testing.TestAuth.TestUser;
import peerprep.common.testing.ServiceFixture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.history.HistoryService.await;

class ListAttemptsTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static HistoryService service;
  private static TestUser ada;
  private static TestUser linus;
  private static TestUser grace;
  /** Ada's five attempts, oldest first. */
  private static final List<JsonObject> ADAS = new ArrayList<>();

  @BeforeAll
  static void deploy() {
    service = new HistoryService(fixture);
    ada = service.auth.user("ada");
    linus = service.auth.user("linus");
    grace = service.auth.user("grace");
    ADAS.add(Samples.attempt(ada, linus, Samples.question("q1", "Easy", "arrays"), Instant.parse("2026-01-01T10:00:00Z")));
    ADAS.add(Samples.attempt(grace, ada, Samples.question("q2", "Medium", "graphs"), Instant.parse("2026-01-02T23:59:59Z")));
    ADAS.add(Samples.attempt(ada, grace, Samples.question("q3", "Hard", "arrays", "dynamic-programming"), Instant.parse("2026-01-03T00:00:00Z")));
    ADAS.add(Samples.attempt(linus, ada, Samples.question("q1", "Easy", "arrays"), Instant.parse("2026-01-05T08:00:00Z")));
    ADAS.add(Samples.attempt(ada, linus, Samples.question("q4", "Medium", "strings"), Instant.parse("2026-01-07T12:00:00Z")));
    ADAS.forEach(service::record);
    service.record(Samples.attempt(linus, grace, Samples.question("q9", "Easy", "arrays"), Instant.parse("2026-01-06T12:00:00Z")));
  }

  private static JsonObject list(TestUser user, String query) {
    HttpResponse<Buffer> r = await(service.as(user, "/attempts" + query).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static List<String> sessions(JsonObject page) {
    return page.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("sessionId")).toList();
  }

  private static String session(int index) {
    return ADAS.get(index).getString("sessionId");
  }

  @Test
  @DisplayName("A user's list holds only their attempts, newest first, each with the partner and the duration")
  void newestFirst() {
    JsonObject page = list(ada, "");
    assertThat(sessions(page)).containsExactly(session(4), session(3), session(2), session(1), session(0));
    assertThat(page.getInteger("total")).isEqualTo(5);
    JsonObject newest = page.getJsonArray("items").getJsonObject(0);
    assertThat(newest.getJsonObject("partner")).isEqualTo(new JsonObject().put("id", linus.id()).put("username", "linus")
      .putNull("displayName"));
    assertThat(newest.getJsonObject("question").getString("title")).isEqualTo("Question q4");
    assertThat(newest.getLong("durationSeconds")).isEqualTo(1500);
    assertThat(newest.containsKey("code")).isFalse();
    JsonObject second = page.getJsonArray("items").getJsonObject(3);
    assertThat(second.getJsonObject("partner").getString("id")).isEqualTo(grace.id());
  }

  @Test
  @DisplayName("Filters by topic and by difficulty narrow the list and its total")
  void filters() {
    assertThat(sessions(list(ada, "?topic=arrays"))).containsExactly(session(3), session(2), session(0));
    assertThat(sessions(list(ada, "?difficulty=medium"))).containsExactly(session(4), session(1));
    JsonObject both = list(ada, "?topic=arrays&difficulty=Hard");
    assertThat(sessions(both)).containsExactly(session(2));
    assertThat(both.getInteger("total")).isEqualTo(1);
    assertThat(list(ada, "?topic=trees").getInteger("total")).isZero();
  }

  @Test
  @DisplayName("The date range takes whole UTC days on both ends")
  void dateRange() {
    assertThat(sessions(list(ada, "?from=2026-01-02&to=2026-01-03"))).containsExactly(session(2), session(1));
    assertThat(sessions(list(ada, "?from=2026-01-05"))).containsExactly(session(4), session(3));
    assertThat(sessions(list(ada, "?to=2026-01-01"))).containsExactly(session(0));
  }

  @Test
  @DisplayName("Pages split the list and every page carries the full total")
  void paging() {
    JsonObject first = list(ada, "?size=2");
    JsonObject third = list(ada, "?size=2&page=3");
    JsonObject beyond = list(ada, "?size=2&page=4");
    assertThat(sessions(first)).containsExactly(session(4), session(3));
    assertThat(sessions(third)).containsExactly(session(0));
    assertThat(beyond.getJsonArray("items")).isEqualTo(new JsonArray());
    assertThat(List.of(first, third, beyond)).allSatisfy(p -> assertThat(p.getInteger("total")).isEqualTo(5));
    assertThat(first.getInteger("size")).isEqualTo(2);
    assertThat(third.getInteger("page")).isEqualTo(3);
  }

  @Test
  @DisplayName("A user with no attempts gets an empty first page")
  void empty() {
    JsonObject page = list(service.auth.user("newcomer"), "");
    assertThat(page.getJsonArray("items")).isEmpty();
    assertThat(page.getInteger("total")).isZero();
  }

  @Test
  @DisplayName("Bad dates, difficulties, pages and sizes are 400s that name the parameter")
  void badQueries() {
    String[][] cases = {
      {"?from=2026-13-01", "'from'"}, {"?to=yesterday", "'to'"}, {"?from=2026-01-05&to=2026-01-01", "before 'from'"},
      {"?difficulty=Trivial", "'difficulty'"}, {"?size=101", "'size'"}, {"?page=0", "'page'"}, {"?size=ten", "'size'"}};
    for (String[] c : cases) {
      HttpResponse<Buffer> r = await(service.as(ada, "/attempts" + c[0]).send());
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).as(c[0]).contains(c[1]);
    }
  }

  @Test
  @DisplayName("The matching query lists each question a user attempted once")
  void attemptedQuestionIds() {
    HttpResponse<Buffer> r = await(service.internal(HttpMethod.GET,
      "/internal/users/" + ada.id() + "/attempted-question-ids").send());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("questionIds").getList()).containsExactlyInAnyOrder("q1", "q2", "q3", "q4");
  }

  @Test
  @DisplayName("The matching query refuses a malformed user id and callers without the credential")
  void attemptedQuestionIdsFailures() {
    HttpResponse<Buffer> bad = await(service.internal(HttpMethod.GET,
      "/internal/users/ada/attempted-question-ids").send());
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> anonymous = await(service.request(HttpMethod.GET,
      "/internal/users/" + ada.id() + "/attempted-question-ids").send());
    assertThat(anonymous.statusCode()).isEqualTo(403);
  }
}
