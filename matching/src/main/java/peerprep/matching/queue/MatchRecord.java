package peerprep.matching.queue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One row of the match log: who was paired, on what, with which question and session, after how long. */
public record MatchRecord(String matchId, String topic, String difficulty, boolean relaxed, String userA, String usernameA,
                   String difficultyA, long waitedMsA, String userB, String usernameB, String difficultyB,
                   long waitedMsB, String questionId, String questionTitle, String questionDifficulty,
                   String sessionId, String language, int requeues, long pairedAt, long matchedAt) {

  static MatchRecord fromJson(JsonObject j) {
    return new MatchRecord(j.getString("matchId"), j.getString("topic"), j.getString("difficulty"),
      j.getBoolean("relaxed"), j.getString("userA"), j.getString("usernameA"), j.getString("difficultyA"),
      j.getLong("waitedMsA"), j.getString("userB"), j.getString("usernameB"), j.getString("difficultyB"),
      j.getLong("waitedMsB"), j.getString("questionId"), j.getString("questionTitle"),
      j.getString("questionDifficulty"), j.getString("sessionId"), j.getString("language"),
      j.getInteger("requeues"), j.getLong("pairedAt"), j.getLong("matchedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("matchId", matchId).put("topic", topic).put("difficulty", difficulty)
      .put("relaxed", relaxed).put("userA", userA).put("usernameA", usernameA).put("difficultyA", difficultyA)
      .put("waitedMsA", waitedMsA).put("userB", userB).put("usernameB", usernameB).put("difficultyB", difficultyB)
      .put("waitedMsB", waitedMsB).put("questionId", questionId).put("questionTitle", questionTitle)
      .put("questionDifficulty", questionDifficulty).put("sessionId", sessionId).put("language", language)
      .put("requeues", requeues).put("pairedAt", pairedAt).put("matchedAt", matchedAt);
  }

  public Tuple toTuple() {
    return Tuple.from(new Object[]{matchId, topic, difficulty, relaxed, userA, usernameA, difficultyA, waitedMsA,
      userB, usernameB, difficultyB, waitedMsB, questionId, questionTitle, questionDifficulty, sessionId, language,
      requeues, time(pairedAt), time(matchedAt)});
  }

  private static OffsetDateTime time(long epochMs) {
    return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC);
  }
}
