package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;
import peerprep.common.vocab.Difficulty;
import peerprep.testkit.EmbeddedRedis;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Loading the bank at start-up, over restarts, admins' edits and concurrent start-ups. */
class BankTest {
  private static final int FIXTURE_QUESTIONS = 5;
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture()
    .config(new JsonObject().put("QUESTION_BANK_ENABLED", "true").put("QUESTION_BANK_ROOT", "fixture-bank"));
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  @BeforeEach
  void emptyAndRestart() {
    service.reset();
    restart();
  }

  private static void restart() {
    service.undeploy();
    service.deploy();
  }

  private static long total() {
    return service.get("/questions", service.user).bodyAsJsonObject().getLong("total");
  }

  private static long count(String table) {
    return TestService.await(service.db.query("SELECT count(*) FROM " + table).execute()).iterator().next().getLong(0);
  }

  private static JsonObject bySlug(String slug) {
    JsonArray items = service.get("/questions?size=100", service.user).bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(q -> q.getString("slug").equals(slug)).findFirst().orElse(null);
  }

  @Test
  @DisplayName("Start-up loads every bank question with its topics, adding topics the schema lacks")
  void loads() {
    assertThat(total()).isEqualTo(FIXTURE_QUESTIONS);
    assertThat(count("question_topics")).isEqualTo(7);
    JsonArray topics = service.get("/topics", service.user).bodyAsJsonObject().getJsonArray("items");
    JsonObject math = topics.stream().map(JsonObject.class::cast).filter(t -> t.getString("slug").equals("math")).findFirst().orElseThrow();
    assertThat(math.getString("name")).isEqualTo("Math");
    assertThat(math.getJsonObject("counts").getLong("Easy")).isEqualTo(1);
    JsonObject graft = service.get("/questions/" + bySlug("graft-orchard-rows").getString("id"), service.user).bodyAsJsonObject();
    assertThat(graft.getString("title")).isEqualTo("Graft Two Orchard Trees");
    assertThat(graft.getJsonArray("topics")).containsExactly("trees", "greedy");
    assertThat(graft.getJsonObject("starterCode").isEmpty()).isTrue();
  }

  @Test
  @DisplayName("A restart adds nothing twice")
  void idempotent() {
    restart();
    restart();
    assertThat(total()).isEqualTo(FIXTURE_QUESTIONS);
    assertThat(count("seeded_slugs")).isEqualTo(FIXTURE_QUESTIONS);
    assertThat(count("question_topics")).isEqualTo(7);
  }

  @Test
  @DisplayName("An admin's edit of a bank question survives a restart")
  void editsSurvive() {
    JsonObject lantern = bySlug("count-lantern-leaves");
    JsonObject edited = Fixtures.question("Count the Lantern Leaves, Revised", "Medium", "trees");
    assertThat(service.put("/questions/" + lantern.getString("id"), service.admin, edited, "\"1\"").statusCode()).isEqualTo(200);
    restart();
    JsonObject after = bySlug("count-lantern-leaves");
    assertThat(after.getString("title")).isEqualTo("Count the Lantern Leaves, Revised");
    assertThat(after.getInteger("version")).isEqualTo(2);
    assertThat(total()).isEqualTo(FIXTURE_QUESTIONS);
  }

  @Test
  @DisplayName("A bank question an admin deleted does not come back after a restart")
  void deletionsSurvive() {
    JsonObject widest = bySlug("widest-tree-level");
    assertThat(service.delete("/questions/" + widest.getString("id"), service.admin).statusCode()).isEqualTo(204);
    restart();
    assertThat(bySlug("widest-tree-level")).isNull();
    assertThat(total()).isEqualTo(FIXTURE_QUESTIONS - 1);
  }

  @Test
  @DisplayName("A bank question whose title an admin already uses is skipped, and start-up still succeeds")
  void titleTakenByAdmin() {
    service.reset();
    JsonObject mine = service.create(Fixtures.question("STEPS TO A SINGLE DIGIT", "Hard", "arrays"));
    restart();
    assertThat(total()).isEqualTo(FIXTURE_QUESTIONS);
    assertThat(bySlug("steps-to-single-digit")).isNull();
    assertThat(service.get("/questions/" + mine.getString("id"), service.user).bodyAsJsonObject().getString("difficulty")).isEqualTo("Hard");
  }

  @Test
  @DisplayName("Two tasks starting together on an empty database load the bank once")
  void concurrentStartups() {
    service.undeploy();
    service.reset();
    Future<Integer> a = fixture.deployAsync(new JsonObject());
    Future<Integer> b = fixture.deployAsync(new JsonObject().put("PORT", EmbeddedRedis.freePort()));
    TestService.await(Future.all(a, b));
    assertThat(count("questions")).isEqualTo(FIXTURE_QUESTIONS);
    assertThat(count("question_topics")).isEqualTo(7);
    fixture.undeploy(a.result());
    fixture.undeploy(b.result());
    service.deploy();
  }

  @Test
  @DisplayName("Bank entries that fail validation are reported and skipped, the valid ones kept")
  void brokenEntries() {
    BankReader.Bank bank = BankReader.read("broken-bank");
    assertThat(bank.questions()).extracting(NewQuestion::slug).containsExactly("fine-question");
    assertThat(bank.problems()).hasSize(5);
    assertThat(String.join("\n", bank.problems()))
      .contains("mixed.json[1]: A bank question needs a slug.")
      .contains("mixed.json[2]: The difficulty must be one of Easy, Medium, Hard, not 'Legendary'.")
      .contains("mixed.json[3]: The slug 'fine-question' appears twice")
      .contains("mixed.json[4]: A bank entry must be a JSON object.")
      .contains("missing.json: listed in the index but missing");
  }

  @Test
  @DisplayName("A bank root without an index loads nothing and says so")
  void missingIndex() {
    BankReader.Bank bank = BankReader.read("no-such-bank");
    assertThat(bank.questions()).isEmpty();
    assertThat(bank.problems()).containsExactly("No bank index at no-such-bank/index.json");
  }

  @Test
  @DisplayName("The shipped bank reads without a rejected entry: at least 60 questions, each of 12 topics with every difficulty")
  void shippedBank() {
    BankReader.Bank bank = BankReader.read("bank");
    assertThat(bank.problems()).isEmpty();
    assertThat(bank.questions()).hasSizeGreaterThanOrEqualTo(60);
    for (String topic : List.of("arrays", "strings", "hashing", "two-pointers", "linked-lists", "stacks-queues", "trees",
      "graphs", "dynamic-programming", "greedy", "sorting-searching", "bit-manipulation")) {
      assertThat(bank.questions().stream().filter(q -> q.topics().contains(topic)).map(NewQuestion::difficulty).distinct())
        .as(topic).containsExactlyInAnyOrder(Difficulty.values());
    }
    assertThat(bank.questions().stream().map(q -> q.title().toLowerCase()).distinct().count()).isEqualTo(bank.questions().size());
  }
}
