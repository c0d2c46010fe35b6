package peerprep.question;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.question.Fixtures.assertProblem;
import static peerprep.question.Fixtures.question;

/** Reading, listing and topics over one set of questions created once for the class. */
class QuestionReadTest {
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture();
  private static TestService service;
  private static JsonObject ladder;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
    service.create(question("Balanced Brackets Check", "Easy", "stacks-queues", "strings")
      .put("description", "Decide whether every opening bracket in the text is closed in order."));
    service.create(question("Courier Route Planner", "Hard", "graphs")
      .put("description", "Find the cheapest route through the depots of a city."));
    service.create(question("Anagram Groups", "Medium", "strings", "hashing")
      .put("description", "Group words that are rearrangements of one another."));
    ladder = service.create(question("Ladder Of Coins", "Medium", "dynamic-programming")
      .put("description", "Count the ways to climb a ladder when each step pays coins."));
    service.create(question("Island Counter", "Medium", "graphs", "arrays")
      .put("description", "Count the islands on a grid of land and water."));
  }

  private static List<String> titles(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream()
      .map(item -> ((JsonObject) item).getString("title")).toList();
  }

  @Test
  @DisplayName("Reading a question returns all of it with its version as ETag")
  void read() {
    HttpResponse<Buffer> response = service.get("/questions/" + ladder.getString("id"), service.user);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("ETag")).isEqualTo("\"1\"");
    JsonObject q = response.bodyAsJsonObject();
    assertThat(q.fieldNames()).containsExactlyInAnyOrder("id", "slug", "title", "description", "topics", "difficulty",
      "examples", "constraints", "hints", "starterCode", "version", "createdAt", "updatedAt");
    assertThat(q.getJsonArray("examples").getJsonObject(0).getString("explanation")).isEqualTo("7 + 1 = 8");
    assertThat(q.getJsonArray("constraints")).containsExactly("2 <= n <= 10^5");
  }

  @Test
  @DisplayName("Reading an unknown question is a 404 and a malformed id a 400")
  void readUnknown() {
    assertProblem(service.get("/questions/" + UUID.randomUUID(), service.user), 404, "No question has the id");
    assertProblem(service.get("/questions/ladder", service.user), 400, "'ladder' is not a valid id");
  }

  @Test
  @DisplayName("Reading, listing and topics without a token are 401")
  void signedInOnly() {
    assertProblem(service.get("/questions/" + ladder.getString("id"), null), 401, "Sign in");
    assertProblem(service.get("/questions", null), 401, "Sign in");
    assertProblem(service.get("/topics", null), 401, "Sign in");
  }

  @Test
  @DisplayName("Listing without filters returns summaries sorted by title, with page, size and total")
  void listAll() {
    JsonObject page = service.get("/questions", service.user).bodyAsJsonObject();
    assertThat(page.getInteger("page")).isEqualTo(1);
    assertThat(page.getInteger("size")).isEqualTo(20);
    assertThat(page.getLong("total")).isEqualTo(5);
    assertThat(titles(service.get("/questions", service.user))).containsExactly("Anagram Groups", "Balanced Brackets Check",
      "Courier Route Planner", "Island Counter", "Ladder Of Coins");
    assertThat(page.getJsonArray("items").getJsonObject(0).containsKey("description")).isFalse();
  }

  @Test
  @DisplayName("The topic filter matches any of the topics, given repeated or comma-separated")
  void filterByTopics() {
    List<String> expected = List.of("Anagram Groups", "Courier Route Planner", "Island Counter");
    assertThat(titles(service.get("/questions?topic=graphs&topic=hashing", service.user))).isEqualTo(expected);
    assertThat(titles(service.get("/questions?topic=graphs,hashing", service.user))).isEqualTo(expected);
    assertThat(service.get("/questions?topic=graphs", service.user).bodyAsJsonObject().getLong("total")).isEqualTo(2);
  }

  @Test
  @DisplayName("A question that has several of the filtered topics is listed once, and no total is counted for them")
  void severalTopicsListEachQuestionOnce() {
    JsonObject page = service.get("/questions?topic=strings&topic=hashing&size=1", service.user).bodyAsJsonObject();
    assertThat(page.containsKey("total")).isFalse();
    assertThat(page.getJsonArray("items")).hasSize(1);
    assertThat(page.getBoolean("hasMore")).isTrue();
    assertThat(titles(service.get("/questions?topic=strings,hashing", service.user)))
      .containsExactly("Anagram Groups", "Balanced Brackets Check");
    assertThat(titles(service.get("/questions?topic=strings,graphs&difficulty=Medium,Hard", service.user)))
      .containsExactly("Anagram Groups", "Courier Route Planner", "Island Counter");
  }

  @Test
  @DisplayName("The total of one topic and some difficulties comes from the kept counts")
  void totalsOfOneTopic() {
    assertThat(service.get("/questions?topic=strings&difficulty=Easy,Medium", service.user).bodyAsJsonObject()
      .getLong("total")).isEqualTo(2);
    assertThat(service.get("/questions?difficulty=Medium", service.user).bodyAsJsonObject().getLong("total")).isEqualTo(3);
    assertThat(service.get("/questions?topic=bit-manipulation", service.user).bodyAsJsonObject().getLong("total")).isZero();
    assertThat(service.get("/questions?q=count", service.user).bodyAsJsonObject().containsKey("total")).isFalse();
  }

  @Test
  @DisplayName("The difficulty filter and the topic filter combine")
  void filterByDifficultyAndTopic() {
    assertThat(titles(service.get("/questions?difficulty=Medium", service.user)))
      .containsExactly("Anagram Groups", "Island Counter", "Ladder Of Coins");
    assertThat(titles(service.get("/questions?difficulty=easy,hard", service.user)))
      .containsExactly("Balanced Brackets Check", "Courier Route Planner");
    assertThat(titles(service.get("/questions?difficulty=Medium&topic=graphs", service.user))).containsExactly("Island Counter");
  }

  @Test
  @DisplayName("Search finds words in titles and descriptions, each word as a prefix")
  void search() {
    assertThat(titles(service.get("/questions?q=island", service.user))).containsExactly("Island Counter");
    assertThat(titles(service.get("/questions?q=depots", service.user))).containsExactly("Courier Route Planner");
    assertThat(titles(service.get("/questions?q=rearrang", service.user))).containsExactly("Anagram Groups");
    assertThat(titles(service.get("/questions?q=count%20grid", service.user))).containsExactly("Island Counter");
    assertThat(titles(service.get("/questions?q=COUNT&difficulty=Medium", service.user)))
      .containsExactly("Island Counter", "Ladder Of Coins");
    assertThat(titles(service.get("/questions?q=zebra", service.user))).isEmpty();
  }

  @Test
  @DisplayName("Search text that could break a query language is read as plain words")
  void searchIsSafe() {
    assertThat(titles(service.get("/questions?q=%27)%3B%20DROP%20TABLE%20questions%3B--%20island%20%26%7C!", service.user))).isEmpty();
    assertThat(titles(service.get("/questions?q=island:*%20%26", service.user))).containsExactly("Island Counter");
    assertProblem(service.get("/questions?q=%21%21%21", service.user), 400, "at least one letter or digit");
    assertProblem(service.get("/questions?q=" + "a".repeat(201), service.user), 400, "at most 200");
  }

  @Test
  @DisplayName("Sorting follows the field and direction asked for")
  void sorting() {
    assertThat(titles(service.get("/questions?sort=title:desc", service.user)).get(0)).isEqualTo("Ladder Of Coins");
    assertThat(titles(service.get("/questions?sort=difficulty", service.user)))
      .containsExactly("Balanced Brackets Check", "Anagram Groups", "Island Counter", "Ladder Of Coins", "Courier Route Planner");
    assertThat(titles(service.get("/questions?sort=difficulty:desc", service.user)).get(0)).isEqualTo("Courier Route Planner");
    assertThat(titles(service.get("/questions?sort=createdAt", service.user)))
      .containsExactly("Balanced Brackets Check", "Courier Route Planner", "Anagram Groups", "Ladder Of Coins", "Island Counter");
    assertThat(titles(service.get("/questions?sort=createdAt:desc", service.user)).get(0)).isEqualTo("Island Counter");
    assertThat(titles(service.get("/questions?sort=updatedAt:desc", service.user)).get(0)).isEqualTo("Island Counter");
  }

  @Test
  @DisplayName("An unknown sort field or direction is a 400")
  void badSort() {
    assertProblem(service.get("/questions?sort=popularity", service.user), 400, "must be one of title");
    assertProblem(service.get("/questions?sort=title:sideways", service.user), 400, "'asc' or 'desc'");
  }

  @Test
  @DisplayName("Pages slice the sorted list and keep the total; a page past the end is empty")
  void paging() {
    JsonObject second = service.get("/questions?size=2&page=2", service.user).bodyAsJsonObject();
    assertThat(second.getLong("total")).isEqualTo(5);
    assertThat(second.getInteger("page")).isEqualTo(2);
    assertThat(second.getInteger("size")).isEqualTo(2);
    assertThat(second.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("title")))
      .containsExactly("Courier Route Planner", "Island Counter");
    JsonObject beyond = service.get("/questions?size=2&page=9", service.user).bodyAsJsonObject();
    assertThat(beyond.getJsonArray("items")).isEmpty();
    assertThat(beyond.getLong("total")).isEqualTo(5);
  }

  @Test
  @DisplayName("Huge, negative, zero or non-numeric pages and sizes are 400s")
  void badPaging() {
    assertProblem(service.get("/questions?size=101", service.user), 400, "'size' must be between 1 and 100");
    assertProblem(service.get("/questions?size=0", service.user), 400, "'size' must be between 1 and 100");
    assertProblem(service.get("/questions?page=-1", service.user), 400, "'page' must be between 1 and 10000");
    assertProblem(service.get("/questions?page=99999999999999", service.user), 400, "'page' must be between 1 and 10000");
    assertProblem(service.get("/questions?size=ten", service.user), 400, "'size' must be a whole number");
  }

  @Test
  @DisplayName("Filtering by an unknown topic or difficulty is a 400 that names it")
  void badFilters() {
    assertProblem(service.get("/questions?topic=astrology", service.user), 400, "astrology");
    assertProblem(service.get("/questions?topic=Two%20Pointers", service.user), 400, "lower-case slug");
    assertProblem(service.get("/questions?difficulty=Extreme", service.user), 400, "must be one of Easy, Medium, Hard, not 'Extreme'");
  }

  @Test
  @DisplayName("Topics lists every known topic with counts per difficulty, empty topics included")
  void topics() {
    HttpResponse<Buffer> response = service.get("/topics", service.user);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray items = response.bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(12);
    JsonObject graphs = topic(items, "graphs");
    assertThat(graphs.getString("name")).isEqualTo("Graphs");
    assertThat(graphs.getJsonObject("counts")).isEqualTo(new JsonObject().put("Easy", 0).put("Medium", 1).put("Hard", 1));
    assertThat(graphs.getLong("total")).isEqualTo(2);
    assertThat(topic(items, "strings").getJsonObject("counts").getLong("Easy")).isEqualTo(1);
    assertThat(topic(items, "bit-manipulation").getLong("total")).isZero();
  }

  private static JsonObject topic(JsonArray items, String slug) {
    return items.stream().map(JsonObject.class::cast).filter(t -> t.getString("slug").equals(slug)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("The API answers the same under the public prefix")
  void publicPrefix() {
    assertThat(titles(service.get("/question-service-api/questions?topic=graphs", service.user)))
      .containsExactly("Courier Route Planner", "Island Counter");
    assertThat(service.get("/question-service-api/questions/" + ladder.getString("id"), service.user).bodyAsJsonObject()
      .getString("title")).isEqualTo("Ladder Of Coins");
  }
}
