package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.testing.TestAuth.TestUser;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request bodies as the collaboration and chat services send them. */
final class Samples {
  static final String CODE = """
    class Solution:
        def twoSum(self, nums, target):
            seen = {}
            for i, n in enumerate(nums):
                if target - n in seen:
                    return [seen[target - n], i]
                seen[n] = i
            return []
    """;

  private Samples() {
  }

  static JsonObject question(String id, String difficulty, String... topics) {
    return new JsonObject().put("id", id).put("title", "Question " + id).put("difficulty", difficulty)
      .put("topics", new JsonArray(List.of(topics)));
  }

  static JsonObject participant(TestUser user) {
    return new JsonObject().put("id", user.id()).put("username", user.username()).putNull("displayName");
  }

  /** A 25-minute session of the two users on the question, ended at the given time, typing {@link #CODE}. */
  static JsonObject attempt(TestUser a, TestUser b, JsonObject question, Instant endedAt) {
    Instant startedAt = endedAt.minusSeconds(25 * 60);
    return new JsonObject()
      .put("sessionId", UUID.randomUUID().toString())
      .put("participants", new JsonArray().add(participant(a)).add(participant(b)))
      .put("question", question)
      .put("language", "python")
      .put("code", CODE)
      .put("startedAt", startedAt.toString())
      .put("endedAt", endedAt.toString())
      .put("endReason", "ended-by-participant")
      .put("edits", TypingLog.typing(CODE, List.of(a.id(), b.id()), startedAt.toEpochMilli(), 7));
  }

  static JsonObject attempt(TestUser a, TestUser b) {
    return attempt(a, b, question("q-" + UUID.randomUUID(), "Easy", "arrays", "hashing"), Instant.parse("2026-01-01T10:30:00Z"));
  }

  static JsonObject message(TestUser author, String text, Instant at) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("user", author.id())
      .put("username", author.username()).put("text", text).put("at", at.toString());
  }
}
