package peerprep.question;

import io.vertx.core.json.JsonObject;
import peerprep.common.vocab.Difficulty;

import java.util.EnumMap;
import java.util.Map;

/** A topic and how many questions it has per difficulty. */
public record TopicCount(String slug, String name, Map<Difficulty, Long> counts) {

  static TopicCount empty(String slug, String name) {
    Map<Difficulty, Long> counts = new EnumMap<>(Difficulty.class);
    for (Difficulty d : Difficulty.values()) {
      counts.put(d, 0L);
    }
    return new TopicCount(slug, name, counts);
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public JsonObject toJson() {
    JsonObject byDifficulty = new JsonObject();
    counts.forEach((d, n) -> byDifficulty.put(d.label(), n));
    return new JsonObject().put("slug", slug).put("name", name).put("counts", byDifficulty).put("total", total());
  }
}
