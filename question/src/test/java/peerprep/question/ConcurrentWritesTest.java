package peerprep.question;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import peerprep.common.testing.ServiceFixture;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static peerprep.question.Fixtures.question;
import static peerprep.question.LockHolder.awaitLockWaits;

/**
 * Admins' writes that run at the same moment and change the same counters. A transaction of the test's
 * own holds one counter row; the first write queues behind it, the second behind the first (both waits
 * are seen in pg_stat_activity before the row is let go), which is the order in which writes taking
 * their counters statement by statement each held a counter the other needed next. Both writes must
 * succeed and leave the counters exact.
 */
class ConcurrentWritesTest {
  @RegisterExtension
  static final ServiceFixture<QuestionVerticle> fixture = TestService.fixture()
    .truncating(TestService.TABLES);
  private static TestService service;

  @BeforeAll
  static void start() {
    service = new TestService(fixture);
  }

  @Test
  @DisplayName("Two edits moving questions between the same two topics in opposite directions both succeed")
  void oppositeMoves() {
    JsonObject inArrays = service.create(question("Parcel Pair", "Easy", "arrays"));
    JsonObject inStrings = service.create(question("Ring Rotation", "Easy", "strings"));
    var writes = queuedBehind(LockHolder.holdingTopicCount(service.db, "strings", "Easy"),
      () -> edit(inStrings, question("Ring Rotation", "Easy", "arrays")),
      () -> edit(inArrays, question("Parcel Pair", "Easy", "strings")));

    assertSucceeded(200, writes.first(), writes.second());
    assertThat(topicCount("arrays", "Easy")).isEqualTo(1);
    assertThat(topicCount("strings", "Easy")).isEqualTo(1);
    assertCountsMatchRows();
  }

  @Test
  @DisplayName("A creation and an edit taking the same two topics' counters in opposite orders both succeed")
  void createAgainstEdit() {
    JsonObject inStrings = service.create(question("Ring Rotation", "Easy", "strings"));
    var writes = queuedBehind(LockHolder.holdingTopicCount(service.db, "arrays", "Easy"),
      () -> create(question("Parcel Pair", "Easy", "arrays", "strings")),
      () -> edit(inStrings, question("Ring Rotation", "Easy", "arrays")));

    assertSucceeded(201, writes.first());
    assertSucceeded(200, writes.second());
    assertThat(topicCount("arrays", "Easy")).isEqualTo(2);
    assertThat(topicCount("strings", "Easy")).isEqualTo(1);
    assertCountsMatchRows();
  }

  @Test
  @DisplayName("A deletion and a creation of the same difficulty and topic both succeed")
  void deleteAgainstCreate() {
    JsonObject doomed = service.create(question("Parcel Pair", "Easy", "arrays"));
    var writes = queuedBehind(LockHolder.holdingDifficultyCount(service.db, "Easy"),
      () -> create(question("Ring Rotation", "Easy", "arrays")),
      () -> delete(doomed));

    assertSucceeded(201, writes.first());
    assertSucceeded(204, writes.second());
    assertThat(topicCount("arrays", "Easy")).isEqualTo(1);
    assertCountsMatchRows();
  }

  @Test
  @DisplayName("A deletion and an edit taking the same two topics' counters in opposite orders both succeed")
  void deleteAgainstEdit() {
    JsonObject doomed = service.create(question("Parcel Pair", "Easy", "arrays", "strings"));
    JsonObject inStrings = service.create(question("Ring Rotation", "Easy", "strings"));
    var writes = queuedBehind(LockHolder.holdingTopicCount(service.db, "arrays", "Easy"),
      () -> delete(doomed),
      () -> edit(inStrings, question("Ring Rotation", "Easy", "arrays")));

    assertSucceeded(204, writes.first());
    assertSucceeded(200, writes.second());
    assertThat(topicCount("arrays", "Easy")).isEqualTo(1);
    assertThat(topicCount("strings", "Easy")).isZero();
    assertCountsMatchRows();
  }

  @Test
  @DisplayName("Loading bank questions while an admin moves a question between their topics succeeds for both")
  void seedAgainstEdit() {
    JsonObject inArrays = service.create(question("Parcel Pair", "Easy", "arrays"));
    List<NewQuestion> bank = List.of(
      NewQuestion.fromJson(question("Ring Rotation", "Easy", "strings").put("slug", "a-ring-rotation")),
      NewQuestion.fromJson(question("Van Loading", "Easy", "arrays").put("slug", "b-van-loading")));
    var writes = queuedBehind(LockHolder.holdingTopicCount(service.db, "strings", "Easy"),
      () -> new SeedRepository(service.db).seed(bank),
      () -> edit(inArrays, question("Parcel Pair", "Easy", "strings")));

    assertThat(TestService.await(writes.first())).isEqualTo(2);
    assertSucceeded(200, writes.second());
    assertThat(topicCount("arrays", "Easy")).isEqualTo(1);
    assertThat(topicCount("strings", "Easy")).isEqualTo(2);
    assertCountsMatchRows();
  }

  @Test
  @DisplayName("A deletion and an edit that changes the difficulty both succeed")
  void deleteAgainstDifficultyChange() {
    JsonObject doomed = service.create(question("Parcel Pair", "Easy", "arrays"));
    JsonObject harder = service.create(question("Ring Rotation", "Easy", "arrays"));
    var writes = queuedBehind(LockHolder.holdingDifficultyCount(service.db, "Easy"),
      () -> edit(harder, question("Ring Rotation", "Hard", "arrays")),
      () -> delete(doomed));

    assertSucceeded(200, writes.first());
    assertSucceeded(204, writes.second());
    assertThat(topicCount("arrays", "Easy")).isZero();
    assertThat(topicCount("arrays", "Hard")).isEqualTo(1);
    assertCountsMatchRows();
  }

  @Test
  @DisplayName("An edit that PostgreSQL still ends as a deadlock is a 503 problem with Retry-After, and saves nothing")
  void deadlockIsRetryable() {
    JsonObject created = service.create(question("Parcel Pair", "Easy", "arrays"));
    String id = created.getString("id");
    LockHolder counter = LockHolder.holdingTopicCount(service.db, "arrays", "Easy");
    Future<HttpResponse<Buffer>> edited = edit(created, question("Parcel Pair Revisited", "Easy", "arrays"));
    awaitLockWaits(service.db, 1);
    // A session that takes a lock the edit needs late and then waits for the question the edit holds:
    // with its own long deadlock_timeout, the edit's session is the one that finds the cycle and is ended.
    LockHolder topic = LockHolder.begin(service.db).run("SET LOCAL deadlock_timeout = '60s'")
      .run("SELECT slug FROM topics WHERE slug = 'arrays' FOR UPDATE");
    Future<?> waitingForQuestion = topic.start("SELECT id FROM questions WHERE id = $1 FOR UPDATE",
      UUID.fromString(id));
    awaitLockWaits(service.db, 2);
    counter.release();

    HttpResponse<Buffer> response = TestService.await(edited);
    Fixtures.assertProblem(response, 503, "Send the same request again");
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    TestService.await(waitingForQuestion);
    topic.release();
    JsonObject stored = service.get("/questions/" + id, service.user).bodyAsJsonObject();
    assertThat(stored.getString("title")).isEqualTo("Parcel Pair");
    assertThat(stored.getInteger("version")).isEqualTo(1);
    assertCountsMatchRows();
  }

  /** Two writes started one after the other, each queued before the next starts, then let through together. */
  private record Queued<A, B>(Future<A> first, Future<B> second) {
  }

  /**
   * Starts {@code first}, which waits behind the row {@code holder} holds, then {@code second}, which waits
   * behind the first (both seen waiting in pg_stat_activity), then lets the row go.
   */
  private static <A, B> Queued<A, B> queuedBehind(LockHolder holder, Supplier<Future<A>> first, Supplier<Future<B>> second) {
    Future<A> a = first.get();
    awaitLockWaits(service.db, 1);
    Future<B> b = second.get();
    awaitLockWaits(service.db, 2);
    holder.release();
    return new Queued<>(a, b);
  }

  private static Future<HttpResponse<Buffer>> create(JsonObject content) {
    return service.request(HttpMethod.POST, "/questions", service.admin).sendJsonObject(content);
  }

  private static Future<HttpResponse<Buffer>> delete(JsonObject current) {
    return service.request(HttpMethod.DELETE, "/questions/" + current.getString("id"), service.admin).send();
  }

  private static Future<HttpResponse<Buffer>> edit(JsonObject current, JsonObject content) {
    return service.request(HttpMethod.PUT, "/questions/" + current.getString("id"), service.admin)
      .putHeader("If-Match", "\"" + current.getInteger("version") + "\"")
      .sendJsonObject(content);
  }

  @SafeVarargs
  static void assertSucceeded(int status, Future<HttpResponse<Buffer>>... responses) {
    TestService.await(Future.join(List.of(responses)));
    for (Future<HttpResponse<Buffer>> response : responses) {
      assertThat(response.succeeded()).as("%s", response.cause()).isTrue();
      assertThat(response.result().statusCode()).as(response.result().bodyAsString()).isEqualTo(status);
    }
  }

  static long topicCount(String topic, String difficulty) {
    return service.get("/topics", service.user).bodyAsJsonObject().getJsonArray("items").stream()
      .map(JsonObject.class::cast).filter(t -> t.getString("slug").equals(topic)).findFirst().orElseThrow()
      .getJsonObject("counts").getLong(difficulty);
  }

  /** The kept counters say what counting the rows says. */
  static void assertCountsMatchRows() {
    assertThat(rows("SELECT topic, difficulty::text, n FROM topic_counts WHERE n <> 0 ORDER BY 1, 2"))
      .isEqualTo(rows("SELECT topic, difficulty::text, count(*) FROM question_topics GROUP BY 1, 2 ORDER BY 1, 2"));
    assertThat(rows("SELECT difficulty::text, n FROM difficulty_counts WHERE n <> 0 ORDER BY 1"))
      .isEqualTo(rows("SELECT difficulty::text, count(*) FROM questions GROUP BY 1 ORDER BY 1"));
  }

  private static List<String> rows(String sql) {
    List<String> found = new ArrayList<>();
    for (Row row : TestService.await(service.db.query(sql).execute())) {
      found.add(row.deepToString());
    }
    return found;
  }
}
