package peerprep.matching.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.Difficulty;
import peerprep.common.vocab.Language;
import peerprep.common.vocab.SessionIds;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a user asks to be matched on, and, for a new partner after one left, the session they leave
 * ({@code rematchOf}); {@link #fromJson} turns bad input into a 400 with a detail. Over REST the body has
 * passed the NewRequest schema of the OpenAPI document already; a WebSocket frame has not, so every rule
 * is checked here as well, after the values are trimmed.
 */
public record MatchRequest(String topic, String difficulty, String language, String rematchOf) {
  private static final Pattern TOPIC = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final int TOPIC_MAX = 64;

  public MatchRequest(String topic, String difficulty, String language) {
    this(topic, difficulty, language, null);
  }

  public static MatchRequest fromJson(JsonObject body) {
    String topic = required(body, "topic").trim();
    if (topic.length() > TOPIC_MAX || !TOPIC.matcher(topic).matches()) {
      throw ApiException.badRequest("The topic must be a lower-case slug such as 'arrays' or 'two-pointers' "
        + "(letters, digits and single dashes, at most " + TOPIC_MAX + " characters).");
    }
    return new MatchRequest(topic, difficulty(required(body, "difficulty")),
      language(optional(body, "language")), session(optional(body, "rematchOf")));
  }

  private static String required(JsonObject body, String field) {
    String value = optional(body, field);
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("The field '" + field + "' is required.");
    }
    return value;
  }

  private static String optional(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw ApiException.badRequest("The field '" + field + "' must be a string, not " + kind(value) + ".");
    }
    return (String) value;
  }

  private static String kind(Object value) {
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return value instanceof Boolean ? "a boolean" : "a number";
  }

  private static String difficulty(String given) {
    return Difficulty.find(given).map(Difficulty::label).orElseThrow(() -> ApiException.badRequest(
      "The difficulty '" + given + "' is unknown; use one of " + Difficulty.choices() + "."));
  }

  private static String language(String given) {
    if (given == null || given.isBlank()) {
      return null;
    }
    return Language.find(given.trim().toLowerCase(Locale.ROOT)).map(Language::id).orElseThrow(() ->
      ApiException.badRequest("The language '" + given + "' is not offered; use one of " + Language.choices() + "."));
  }

  private static String session(String given) {
    if (given == null) {
      return null;
    }
    if (!SessionIds.canonical(given)) {
      throw ApiException.badRequest("'rematchOf' must be the id of the session you leave, a lower-case UUID.");
    }
    return given;
  }
}
