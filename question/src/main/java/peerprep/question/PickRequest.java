package peerprep.question;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.Difficulty;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What matching asks for: a topic, a difficulty, and the questions the pair has seen already. */
public record PickRequest(String topic, Difficulty difficulty, List<UUID> excludeIds) {
  static final int MAX_EXCLUDED = 10_000;

  public static PickRequest fromJson(JsonObject body) {
    String topic = body.getString("topic").trim();
    Object difficulty = body.getValue("difficulty");
    if (!(difficulty instanceof String label)) {
      throw Fields.invalid("difficulty", "The field 'difficulty' is required: one of Easy, Medium, Hard.");
    }
    PickRequest request = new PickRequest(topic, Difficulty.parse(label, "difficulty"), excluded(body));
    if (!NewQuestion.SLUG.matcher(topic).matches() || topic.length() > 40) {
      throw unknownTopic(topic.length() > 40 ? topic.substring(0, 40) + "…" : topic);
    }
    return request;
  }

  /** Ids are opaque to callers; one that is not a UUID cannot name a question here, so it excludes nothing. */
  private static List<UUID> excluded(JsonObject body) {
    Object value = body.getValue("excludeIds");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw Fields.invalid("excludeIds", "The field 'excludeIds' must be an array of question ids.");
    }
    if (array.size() > MAX_EXCLUDED) {
      throw Fields.invalid("excludeIds", "The field 'excludeIds' may hold at most " + MAX_EXCLUDED + " ids.");
    }
    List<UUID> out = new ArrayList<>();
    for (Object id : array) {
      if (!(id instanceof String s)) {
        throw Fields.invalid("excludeIds", "Every item of 'excludeIds' must be a string.");
      }
      try {
        out.add(peerprep.common.ids.Uuids.parse(s));
      } catch (IllegalArgumentException e) {
        continue;
      }
    }
    return out;
  }

  static ApiException unknownTopic(String topic) {
    return ApiException.notFound("There is no topic '" + topic + "'. GET /topics lists the known ones.");
  }
}
