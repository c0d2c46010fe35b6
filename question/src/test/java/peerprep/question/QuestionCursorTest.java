package peerprep.question;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.question.Fixtures.assertProblem;
import static peerprep.question.Fixtures.question;

/** Paging through listings with the cursor of the previous page. */
class QuestionCursorTest {
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture();
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  @BeforeEach
  void seed() {
    service.reset();
    service.create(question("Balanced Brackets Check", "Easy", "stacks-queues", "strings"));
    service.create(question("Courier Route Planner", "Hard", "graphs"));
    service.create(question("Anagram Groups", "Medium", "strings", "hashing"));
    service.create(question("Ladder Of Coins", "Medium", "dynamic-programming", "graphs"));
    service.create(question("Island Counter", "Medium", "graphs", "arrays"));
    service.create(question("Graph Colouring", "Hard", "graphs", "strings"));
  }

  private static JsonObject list(String query) {
    HttpResponse<Buffer> response = service.get("/questions?" + query, service.user);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static List<String> titles(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("title")).toList();
  }

  /** Every title of a listing, walked two at a time by cursor. */
  private static List<String> walk(String query) {
    List<String> all = new ArrayList<>();
    JsonObject page = list(query + "&size=2");
    all.addAll(titles(page));
    while (page.getBoolean("hasMore")) {
      assertThat(page.getJsonArray("items")).hasSize(2);
      page = list(query + "&size=2&after=" + page.getString("next"));
      assertThat(page.containsKey("page")).isFalse();
      all.addAll(titles(page));
    }
    assertThat(page.containsKey("next")).isFalse();
    return all;
  }

  @Test
  @DisplayName("Following 'next' walks the whole list in order, each question once, and the last page has no 'next'")
  void walksTheList() {
    assertThat(walk("sort=title")).containsExactly("Anagram Groups", "Balanced Brackets Check", "Courier Route Planner",
      "Graph Colouring", "Island Counter", "Ladder Of Coins");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sort=title:desc", "sort=difficulty", "sort=difficulty:desc", "sort=createdAt",
    "sort=updatedAt:desc", "topic=graphs", "topic=graphs&sort=difficulty:desc", "topic=graphs&sort=createdAt:desc",
    "topic=graphs,strings&sort=updatedAt", "topic=graphs,strings&difficulty=Hard,Medium", "difficulty=Medium&sort=title:desc",
    "q=parcel&sort=createdAt:desc", "topic=graphs&difficulty=Hard&sort=updatedAt:desc"})
  @DisplayName("Walking by cursor gives what one large page gives, for every sort and filter")
  void cursorPagesMatchOnePage(String query) {
    List<String> whole = titles(list(query + "&size=100"));
    assertThat(whole).isNotEmpty();
    assertThat(walk(query)).isEqualTo(whole);
  }

  @Test
  @DisplayName("Questions added before the cursor's position neither repeat nor shift the next page")
  void stableUnderInserts() {
    JsonObject first = list("sort=title&size=2");
    assertThat(titles(first)).containsExactly("Anagram Groups", "Balanced Brackets Check");
    service.create(question("Aardvark Arrays", "Easy", "arrays"));
    service.create(question("Abacus Sums", "Easy", "arrays"));
    service.create(question("Dune Walker", "Easy", "arrays"));
    JsonObject second = list("sort=title&size=2&after=" + first.getString("next"));
    assertThat(titles(second)).containsExactly("Courier Route Planner", "Dune Walker");
    assertThat(titles(list("sort=title&size=2&page=2"))).containsExactly("Anagram Groups", "Balanced Brackets Check");
  }

  @Test
  @DisplayName("Totals follow creation, edits and deletion without counting rows")
  void totalsFollowChanges() {
    assertThat(list("topic=graphs").getLong("total")).isEqualTo(4);
    assertThat(list("topic=graphs&difficulty=Hard").getLong("total")).isEqualTo(2);
    JsonObject created = service.create(question("Tree Of Paths", "Hard", "graphs", "trees"));
    JsonObject edited = question("Tree Of Paths", "Easy", "trees");
    assertThat(service.put("/questions/" + created.getString("id"), service.admin, edited, "\"1\"").statusCode()).isEqualTo(200);
    assertThat(list("topic=graphs").getLong("total")).isEqualTo(4);
    assertThat(list("topic=trees&difficulty=Easy").getLong("total")).isEqualTo(1);
    assertThat(list("").getLong("total")).isEqualTo(7);
    assertThat(service.delete("/questions/" + created.getString("id"), service.admin).statusCode()).isEqualTo(204);
    assertThat(list("topic=trees").getLong("total")).isZero();
    assertThat(list("difficulty=Easy").getLong("total")).isEqualTo(1);
  }

  @Test
  @DisplayName("A cursor that was cut, altered or made up is a 400 that says to start again")
  void invalidCursors() {
    String next = list("sort=title&size=2").getString("next");
    assertProblem(service.get("/questions?after=" + next.substring(0, next.length() / 2), service.user), 400,
      "not one a listing gave out");
    assertProblem(service.get("/questions?after=%21%21not-base64", service.user), 400, "Leave it out");
    assertProblem(service.get("/questions?after=" + encode("[\"title\",\"sideways\",\"a\"]"), service.user), 400,
      "not one a listing gave out");
    assertProblem(service.get("/questions?sort=createdAt&after=" + encode("[\"createdAt\",\"asc\",\"yesterday\",\"x\"]"),
      service.user), 400, "not one a listing gave out");
    assertProblem(service.get("/questions?after=" + encode("{\"title\":\"a\"}"), service.user), 400, "not one a listing gave out");
    assertProblem(service.get("/questions?after=" + "A".repeat(2000), service.user), 400, "'after' must be at most 1024 characters");
  }

  @Test
  @DisplayName("A cursor used with another sort, or together with 'page', is a 400 that names the conflict")
  void cursorConflicts() {
    String next = list("sort=title&size=2").getString("next");
    assertProblem(service.get("/questions?sort=createdAt&after=" + next, service.user), 400, "sorted by title:asc");
    assertProblem(service.get("/questions?sort=title:desc&after=" + next, service.user), 400, "sorted by title:asc");
    assertProblem(service.get("/questions?page=2&after=" + next, service.user), 400, "not both");
  }

  @Test
  @DisplayName("A page asked by number keeps its number and also gives the cursor of the next page")
  void pagesByNumber() {
    JsonObject second = list("size=2&page=2");
    assertThat(second.getInteger("page")).isEqualTo(2);
    assertThat(second.getLong("total")).isEqualTo(6);
    assertThat(titles(list("size=2&after=" + second.getString("next")))).containsExactly("Island Counter", "Ladder Of Coins");
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
