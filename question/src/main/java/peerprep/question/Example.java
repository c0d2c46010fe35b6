package peerprep.question;

import io.vertx.core.json.JsonObject;

/** One worked example of a question: an input, the output it must give, and optionally why. */
public record Example(String input, String output, String explanation) {
  static final int MAX_LENGTH = 2_000;

  static Example fromJson(Object value, String field) {
    if (!(value instanceof JsonObject json)) {
      throw Fields.invalid(field, "The item " + field + " must be an object with 'input' and 'output'.");
    }
    return new Example(
      Fields.text(json, "input", field + ".input", 1, MAX_LENGTH),
      Fields.text(json, "output", field + ".output", 1, MAX_LENGTH),
      Fields.optionalText(json, "explanation", field + ".explanation", MAX_LENGTH));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("input", input).put("output", output);
    if (explanation != null && !explanation.isBlank()) {
      json.put("explanation", explanation);
    }
    return json;
  }
}
