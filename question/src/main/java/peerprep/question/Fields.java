package peerprep.question;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.ArrayList;
import java.util.List;

/** Reads and bounds the fields of a request body; every failure is a 400 that names the field. */
final class Fields {
  private Fields() {
  }

  static ApiException invalid(String field, String detail) {
    return new ApiException(400, "Bad Request", detail, new JsonObject().put("field", field));
  }

  static String text(JsonObject body, String field, int min, int max) {
    return text(body, field, field, min, max);
  }

  /** A required string read from {@code key}, reported to the client as {@code field}. */
  static String text(JsonObject body, String key, String field, int min, int max) {
    String value = optionalText(body, key, field, max);
    if (value == null || value.isBlank()) {
      throw invalid(field, "The field '" + field + "' is required.");
    }
    if (value.length() < min) {
      throw invalid(field, "The field '" + field + "' must have at least " + min + " characters.");
    }
    return value;
  }

  static String optionalText(JsonObject body, String field, int max) {
    return optionalText(body, field, field, max);
  }

  static String optionalText(JsonObject body, String key, String field, int max) {
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw invalid(field, "The field '" + field + "' must be a string.");
    }
    if (s.length() > max) {
      throw invalid(field, "The field '" + field + "' must have at most " + max + " characters, not " + s.length() + ".");
    }
    return storable(s, field).strip();
  }

  /** PostgreSQL text and jsonb cannot hold the NUL character, so it is refused here rather than failing the insert. */
  static String storable(String value, String field) {
    if (value.indexOf('\0') >= 0) {
      throw invalid(field, "The field '" + field + "' must not contain the NUL character (\\u0000).");
    }
    return value;
  }

  static JsonArray array(JsonObject body, String field, int maxItems) {
    Object v = body.getValue(field);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray array)) {
      throw invalid(field, "The field '" + field + "' must be an array.");
    }
    if (array.size() > maxItems) {
      throw invalid(field, "The field '" + field + "' may hold at most " + maxItems + " items, not " + array.size() + ".");
    }
    return array;
  }

  static List<String> texts(JsonObject body, String field, int maxItems, int maxLength) {
    List<String> out = new ArrayList<>();
    JsonArray array = array(body, field, maxItems);
    for (int i = 0; i < array.size(); i++) {
      String name = field + "[" + i + "]";
      if (!(array.getValue(i) instanceof String s) || s.isBlank()) {
        throw invalid(name, "Every item of '" + field + "' must be a non-empty string; " + name + " is not.");
      }
      if (s.length() > maxLength) {
        throw invalid(name, "The item " + name + " must have at most " + maxLength + " characters.");
      }
      out.add(storable(s, name).strip());
    }
    return out;
  }

  static JsonObject object(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject object)) {
      throw invalid(field, "The field '" + field + "' must be an object.");
    }
    return object;
  }
}
