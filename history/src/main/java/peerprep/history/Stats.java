package peerprep.history;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import peerprep.common.vocab.Difficulty;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeMap;

/** A user's practice at a glance: counts, distinct questions, streaks of days, the last attempt. */
public record Stats(long total, JsonObject byDifficulty, JsonObject byTopic, long solved, Streaks streaks,
                    OffsetDateTime lastAttemptAt) {

  static Stats fromRow(Row row, LocalDate today) {
    JsonObject byDifficulty = new JsonObject();
    JsonObject counted = row.getJsonObject("by_difficulty");
    Difficulty.labels().forEach(d -> byDifficulty.put(d, counted.getLong(d, 0L)));
    JsonObject byTopic = new JsonObject(new TreeMap<>(row.getJsonObject("by_topic").getMap()));
    List<LocalDate> days = List.of(row.getArrayOfLocalDates("days"));
    return new Stats(row.getLong("total"), byDifficulty, byTopic, row.getLong("solved"), Streaks.of(days, today),
      row.getOffsetDateTime("last_at"));
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("total", total)
      .put("byDifficulty", byDifficulty)
      .put("byTopic", byTopic)
      .put("solved", solved)
      .put("currentStreak", streaks.current())
      .put("longestStreak", streaks.longest())
      .put("lastAttemptAt", lastAttemptAt == null ? null : lastAttemptAt.toInstant().toString());
  }
}
