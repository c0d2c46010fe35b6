package peerprep.common.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rule a JSON Schema keyword states, as the end of a sentence about a field ("must be at most 120 characters long"). */
final class Rules {
  private static final Pattern TYPE = Pattern.compile("Instance type (\\S+) is invalid\\. Expected (.+)");

  /**
   * The schema extension that says in words what a {@code pattern} accepts, e.g.
   * {@code "x-pattern-words": "Easy, Medium or Hard, in any case"}; a broken pattern is then worded
   * "must be Easy, Medium or Hard, in any case" instead of quoting the expression.
   */
  static final String PATTERN_WORDS = "x-pattern-words";

  private Rules() {
  }

  static String sentence(String keyword, Object value, String error, JsonObject schema) {
    List<String> properties = schema == null || !(schema.getValue("properties") instanceof JsonObject props)
      ? List.of() : List.copyOf(props.fieldNames());
    Object min = schema == null ? null : schema.getValue(keyword.endsWith("Length") ? "minLength" : "minimum");
    Object max = schema == null ? null : schema.getValue(keyword.endsWith("Length") ? "maxLength" : "maximum");
    if (min != null && max != null && Set.of("minimum", "maximum").contains(keyword)) {
      return "must be between " + min + " and " + max;
    }
    return switch (keyword) {
      case "required" -> "is required";
      case "type" -> type(error);
      case "enum" -> "must be one of " + list(value);
      case "const" -> "must be " + quoted(value);
      case "pattern" -> schema != null && schema.getValue(PATTERN_WORDS) instanceof String words
        ? "must be " + words : "must match the pattern " + value;
      case "minLength" -> "must be at least " + value + " character" + plural(value) + " long";
      case "maxLength" -> "must be at most " + value + " character" + plural(value) + " long";
      case "minimum" -> "must be at least " + value;
      case "maximum" -> "must be at most " + value;
      case "exclusiveMinimum" -> "must be more than " + value;
      case "exclusiveMaximum" -> "must be less than " + value;
      case "multipleOf" -> "must be a multiple of " + value;
      case "minItems" -> "must hold at least " + value + " item" + plural(value);
      case "maxItems" -> "must hold at most " + value + " item" + plural(value);
      case "uniqueItems" -> "must not hold the same item twice";
      case "minProperties" -> value instanceof Number n && n.intValue() == 1 && !properties.isEmpty()
        ? "must hold at least one of the fields " + String.join(", ", properties)
        : "must have at least " + value + " field" + plural(value);
      case "maxProperties" -> "must have at most " + value + " field" + plural(value);
      case "format" -> format(value);
      case "additionalProperties", "unevaluatedProperties" -> properties.isEmpty()
        ? "is not accepted here"
        : "is not accepted here; the accepted fields are " + String.join(", ", properties);
      default -> "is invalid: " + error;
    };
  }

  private static String format(Object value) {
    return switch (String.valueOf(value)) {
      case "uuid" -> "must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6";
      case "email" -> "must be an email address such as ada@example.com";
      case "date-time" -> "must be a date and time such as 2026-01-31T09:30:00Z";
      case "date" -> "must be a date such as 2026-01-31";
      default -> "must be a valid " + value;
    };
  }

  private static String type(String error) {
    Matcher m = TYPE.matcher(error == null ? "" : error);
    if (!m.find()) {
      return "has the wrong type";
    }
    if (m.group(1).equals("null")) {
      return "is required and may not be null";
    }
    String expected = m.group(2).replace(",", " or");
    return "must be " + article(expected) + ", not " + article(m.group(1));
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "a JSON object";
      case "array" -> "an array";
      case "integer" -> "a whole number";
      case "boolean" -> "true or false";
      case "null" -> "null";
      default -> (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    };
  }

  private static String list(Object value) {
    if (value instanceof JsonArray array) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < array.size(); i++) {
        out.append(i == 0 ? "" : i == array.size() - 1 ? " or " : ", ").append(quoted(array.getValue(i)));
      }
      return out.toString();
    }
    return String.valueOf(value);
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private static String plural(Object value) {
    return value instanceof Number n && n.longValue() == 1 ? "" : "s";
  }
}
