package peerprep.history;

import io.vertx.core.Future;
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

/** The bulk look-up of attempted questions that matching makes for each pair. */
class AttemptedQuestionsTest {
  @RegisterExtension
  static final ServiceFixture<HistoryVerticle> fixture = HistoryService.fixture();
  private static final int USERS = 20;
  private static final int LOOKUPS = 500;
  private static final Instant AT = Instant.parse("2026-01-01T10:30:00Z");
  private static HistoryService service;
  private static final List<TestUser> users = new ArrayList<>();

  @BeforeAll
  static void deploy() {
    service = new HistoryService(fixture);
    for (int i = 0; i < USERS; i++) {
      users.add(service.auth.user("user" + i));
    }
    for (int i = 0; i < USERS; i++) {
      TestUser a = users.get(i);
      TestUser b = users.get((i + 1) % USERS);
      service.record(Samples.attempt(a, b, Samples.question("q-" + i, "Easy", "arrays"), AT));
    }
  }

  private static Future<HttpResponse<Buffer>> lookup(JsonObject body) {
    return service.internal(HttpMethod.POST, "/internal/attempted-question-ids").sendJsonObject(body);
  }

  /** User i took part in the attempts of questions q-(i-1) and q-i. */
  private static List<String> attemptedBy(int... indexes) {
    List<String> ids = new ArrayList<>();
    for (int i : indexes) {
      ids.add("q-" + i);
      ids.add("q-" + Math.floorMod(i - 1, USERS));
    }
    return ids;
  }

  @Test
  @DisplayName("500 simultaneous look-ups of a pair's attempted questions all answer 200 with both users' questions")
  void burstOfPairs() {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    List<int[]> pairs = new ArrayList<>();
    for (int n = 0; n < LOOKUPS; n++) {
      int a = n % USERS;
      int b = (n * 7 + 3) % USERS;
      pairs.add(new int[]{a, b});
      calls.add(lookup(new JsonObject().put("userIds", new JsonArray().add(users.get(a).id()).add(users.get(b).id()))));
    }
    await(Future.join(calls));
    for (int n = 0; n < LOOKUPS; n++) {
      HttpResponse<Buffer> r = calls.get(n).result();
      assertThat(r).as("look-up %d answered", n).isNotNull();
      assertThat(r.statusCode()).as("look-up %d", n).isEqualTo(200);
      List<Object> ids = r.bodyAsJsonObject().getJsonArray("questionIds").getList();
      assertThat(ids).as("look-up %d", n).containsExactlyInAnyOrderElementsOf(
        attemptedBy(pairs.get(n)[0], pairs.get(n)[1]).stream().distinct().toList());
    }
  }

  @Test
  @DisplayName("A look-up without user ids, with too many or with one that is not a UUID is a 400 with a detail")
  void malformed() {
    assertThat(await(lookup(new JsonObject())).bodyAsJsonObject().getString("detail")).contains("'userIds'");
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 101; i++) {
      tooMany.add(users.get(0).id());
    }
    assertThat(await(lookup(new JsonObject().put("userIds", tooMany))).statusCode()).isEqualTo(400);
    HttpResponse<Buffer> notUuid = await(lookup(new JsonObject().put("userIds", new JsonArray().add("ada"))));
    assertThat(notUuid.statusCode()).isEqualTo(400);
    assertThat(notUuid.bodyAsJsonObject().getString("detail")).contains("ada");
  }
}
