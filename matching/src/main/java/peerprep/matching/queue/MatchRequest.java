package peerprep.matching.queue;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a user asks to be matched on, and, for a new partner after one left, the session they leave
 * ({@code rematchOf}); {@link #fromJson} turns bad input into a 400 with a detail.
 */
public record MatchRequest(String topic, String difficulty, String language, String rematchOf) {
  public static final List<String> DIFFICULTIES = List.of("Easy", "Medium", "Hard");
  public static final List<String> LANGUAGES = List.of("python", "java", "javascript", "cpp");
  private static final Pattern TOPIC = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final int TOPIC_MAX = 64;

  public MatchRequest(String topic, String difficulty, String language) {
    this(topic, difficulty, language, null);
  }

  public static MatchRequest fromJson(JsonObject body) {
    String topic = Bodies.requiredString(body, "topic").trim();
    if (topic.length() > TOPIC_MAX || !TOPIC.matcher(topic).matches()) {
      throw ApiException.badRequest("The topic must be a lower-case slug such as 'arrays' or 'two-pointers' "
        + "(letters, digits and single dashes, at most " + TOPIC_MAX + " characters).");
    }
    return new MatchRequest(topic, difficulty(Bodies.requiredString(body, "difficulty")),
      language(Bodies.optionalString(body, "language")), session(Bodies.optionalString(body, "rematchOf")));
  }

  private static String session(String given) {
    if (given == null) {
      return null;
    }
    try {
      if (UUID.fromString(given).toString().equals(given)) {
        return given;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw ApiException.badRequest("'rematchOf' must be the id of the session you leave, a lower-case UUID.");
  }

  private static String difficulty(String given) {
    for (String d : DIFFICULTIES) {
      if (d.equalsIgnoreCase(given.trim())) {
        return d;
      }
    }
    throw ApiException.badRequest("The difficulty '" + given + "' is unknown; use one of "
      + String.join(", ", DIFFICULTIES) + ".");
  }

  private static String language(String given) {
    if (given == null || given.isBlank()) {
      return null;
    }
    String lang = given.trim().toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(lang)) {
      throw ApiException.badRequest("The language '" + given + "' is not offered; use one of "
        + String.join(", ", LANGUAGES) + ".");
    }
    return lang;
  }
}
