package peerprep.question;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Question bodies for tests and the assertions every problem response shares. */
final class Fixtures {
  private Fixtures() {
  }

  static JsonObject question(String title, String difficulty, String... topics) {
    return new JsonObject()
      .put("title", title)
      .put("description", "Given a list of parcel weights, report whether two of them fill the van exactly. " + title)
      .put("topics", new JsonArray(java.util.List.of(topics)))
      .put("difficulty", difficulty)
      .put("examples", new JsonArray().add(new JsonObject().put("input", "weights = [4, 7, 1], capacity = 8")
        .put("output", "true").put("explanation", "7 + 1 = 8")))
      .put("constraints", new JsonArray().add("2 <= n <= 10^5"))
      .put("hints", new JsonArray().add("Remember the weights you have seen."))
      .put("starterCode", new JsonObject()
        .put("python", "class Solution:\n    def fills(self, weights, capacity):\n        pass")
        .put("java", "class Solution {\n  public boolean fills(int[] weights, int capacity) {\n    return false;\n  }\n}"));
  }

  /** Asserts a problem+json answer with the status and a detail that mentions the text. */
  static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String detailMentions) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).containsIgnoringCase(detailMentions);
    return problem;
  }
}
