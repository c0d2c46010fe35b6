package peerprep.question;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.vocab.Difficulty;
import peerprep.common.vocab.Language;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The content of a question as an admin or the bank writes it, validated at the edge. */
public record NewQuestion(String slug, String title, String description, List<String> topics, Difficulty difficulty,
                          List<Example> examples, List<String> constraints, List<String> hints,
                          Map<String, String> starterCode) {
  static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final int MAX_TOPICS = 5;
  static final int MAX_DESCRIPTION = 20_000;
  static final int MAX_CODE = 10_000;

  /** Validates a body; a slug is optional here (the service derives one from the title). */
  public static NewQuestion fromJson(JsonObject body) {
    String slug = Fields.optionalText(body, "slug", 80);
    if (slug != null && !SLUG.matcher(slug).matches()) {
      throw Fields.invalid("slug", "The field 'slug' must be lower-case words joined by hyphens, such as 'pair-with-target-sum'.");
    }
    return new NewQuestion(slug == null || slug.isEmpty() ? null : slug,
      Fields.text(body, "title", 3, 120),
      Fields.text(body, "description", 1, MAX_DESCRIPTION),
      topics(body),
      difficulty(body),
      examples(body),
      Fields.texts(body, "constraints", 20, 500),
      Fields.texts(body, "hints", 10, 1_000),
      starterCode(body));
  }

  /** The same content with a slug fixed by the caller. */
  public NewQuestion withSlug(String value) {
    return new NewQuestion(value, title, description, topics, difficulty, examples, constraints, hints, starterCode);
  }

  static List<String> topics(JsonObject body) {
    List<String> raw = Fields.texts(body, "topics", MAX_TOPICS * 4, 40);
    Set<String> unique = new LinkedHashSet<>(raw);
    if (unique.isEmpty()) {
      throw Fields.invalid("topics", "The field 'topics' needs at least one topic, such as [\"arrays\"].");
    }
    if (unique.size() > MAX_TOPICS) {
      throw Fields.invalid("topics", "A question may have at most " + MAX_TOPICS + " topics, not " + unique.size() + ".");
    }
    for (String topic : unique) {
      if (!SLUG.matcher(topic).matches()) {
        throw Fields.invalid("topics", "The topic '" + topic + "' is not a lower-case slug such as 'two-pointers'.");
      }
    }
    return List.copyOf(unique);
  }

  static Difficulty difficulty(JsonObject body) {
    Object v = body.getValue("difficulty");
    if (!(v instanceof String s)) {
      throw Fields.invalid("difficulty", "The field 'difficulty' is required: one of Easy, Medium, Hard.");
    }
    return Difficulty.parse(s, "difficulty");
  }

  static List<Example> examples(JsonObject body) {
    JsonArray array = Fields.array(body, "examples", 10);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(Example.fromJson(array.getValue(i), "examples[" + i + "]"));
    }
    return out;
  }

  static Map<String, String> starterCode(JsonObject body) {
    JsonObject code = Fields.object(body, "starterCode");
    Map<String, String> out = new LinkedHashMap<>();
    for (String language : code.fieldNames()) {
      if (!Language.isId(language)) {
        throw Fields.invalid("starterCode." + language,
          "Starter code is accepted for " + Language.choices() + ", not '" + language + "'.");
      }
      Object v = code.getValue(language);
      if (v != null && !(v instanceof String)) {
        throw Fields.invalid("starterCode." + language, "The starter code for " + language + " must be a string.");
      }
      String text = (String) v;
      if (text != null && text.length() > MAX_CODE) {
        throw Fields.invalid("starterCode." + language,
          "The starter code for " + language + " must have at most " + MAX_CODE + " characters, not " + text.length() + ".");
      }
      if (text != null && !text.isBlank()) {
        out.put(language, Fields.storable(text, "starterCode." + language));
      }
    }
    return out;
  }

  public JsonObject starterCodeJson() {
    JsonObject json = new JsonObject();
    starterCode.forEach(json::put);
    return json;
  }

  public JsonArray examplesJson() {
    JsonArray json = new JsonArray();
    examples.forEach(e -> json.add(e.toJson()));
    return json;
  }
}
