package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads required fields of a JSON object; every wrong or missing value is a 400 whose detail names the
 * field by its full path (participants[1].id), so a caller can find it in a large body.
 */
final class Fields {
  private final JsonObject json;
  private final String path;

  private Fields(JsonObject json, String path) {
    this.json = json;
    this.path = path;
  }

  static Fields of(JsonObject json) {
    return new Fields(json, "");
  }

  static Fields item(JsonArray array, int index, String arrayName) {
    Object v = array.getValue(index);
    String name = arrayName + "[" + index + "]";
    if (!(v instanceof JsonObject o)) {
      throw ApiException.badRequest("The item '" + name + "' must be an object.");
    }
    return new Fields(o, name + ".");
  }

  String name(String key) {
    return path + key;
  }

  Fields object(String key) {
    return new Fields(typed(key, JsonObject.class, "an object"), name(key) + ".");
  }

  JsonArray array(String key) {
    return typed(key, JsonArray.class, "an array");
  }

  /** A required string that may be empty. */
  String string(String key) {
    return typed(key, String.class, "a string");
  }

  String text(String key) {
    String v = string(key);
    if (v.isBlank()) {
      throw ApiException.badRequest("The field '" + name(key) + "' must not be blank.");
    }
    return v;
  }

  UUID uuid(String key) {
    String v = text(key);
    try {
      return peerprep.common.ids.Uuids.parse(v);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("The field '" + name(key) + "' must be a UUID in its 36-character form, not '" + v + "'.");
    }
  }

  long wholeNumber(String key) {
    Number n = typed(key, Number.class, "a whole number");
    if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0) {
      throw ApiException.badRequest("The field '" + name(key) + "' must be a non-negative whole number.");
    }
    return n.longValue();
  }

  /** An ISO-8601 date-time with an offset, kept in UTC. */
  OffsetDateTime timestamp(String key) {
    String v = text(key);
    try {
      return OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("The field '" + name(key) + "' must be an ISO-8601 date-time such as 2026-01-01T10:00:00Z, not '" + v + "'.");
    }
  }

  boolean has(String key) {
    return json.getValue(key) != null;
  }

  /** An optional string: null when absent or JSON null. */
  String optionalString(String key) {
    return has(key) ? string(key) : null;
  }

  /** An optional whole number (of any sign): null when absent or JSON null. */
  Long optionalInteger(String key) {
    if (!has(key)) {
      return null;
    }
    Number n = typed(key, Number.class, "a whole number");
    if (n.doubleValue() != Math.rint(n.doubleValue())) {
      throw ApiException.badRequest("The field '" + name(key) + "' must be a whole number.");
    }
    return n.longValue();
  }

  /** An optional non-negative whole number: null when absent or JSON null. */
  Long optionalWholeNumber(String key) {
    return has(key) ? wholeNumber(key) : null;
  }

  boolean flag(String key) {
    return has(key) && typed(key, Boolean.class, "true or false");
  }

  /** A required string of at most {@code max} characters; longer is a 413, since it is a size. */
  String capped(String key, int max) {
    String v = string(key);
    if (v.length() > max) {
      throw ApiException.tooLarge("The field '" + name(key) + "' has " + v.length() + " characters; at most " + max + " are kept.");
    }
    return v;
  }

  /** A required text of at most {@code max} characters (a name, an id, a language); longer is a 400. */
  String shortText(String key, int max) {
    String v = text(key);
    if (v.length() > max) {
      throw ApiException.badRequest("The field '" + name(key) + "' must be at most " + max + " characters.");
    }
    return v;
  }

  /** One of {@code allowed}; anything else is a 400 listing them. */
  String oneOf(String key, Collection<String> allowed) {
    String v = text(key);
    if (!allowed.contains(v)) {
      throw ApiException.badRequest("The field '" + name(key) + "' must be one of " + String.join(", ", new TreeSet<>(allowed)) + ", not '" + v + "'.");
    }
    return v;
  }

  List<String> texts(String key) {
    JsonArray array = array(key);
    List<String> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw ApiException.badRequest("Every item of '" + name(key) + "' must be a non-blank string.");
      }
      out.add(s);
    }
    return out;
  }

  private <T> T typed(String key, Class<T> type, String what) {
    Object v = json.getValue(key);
    if (v == null) {
      throw ApiException.badRequest("The field '" + name(key) + "' is required.");
    }
    if (!type.isInstance(v)) {
      throw ApiException.badRequest("The field '" + name(key) + "' must be " + what + ".");
    }
    return type.cast(v);
  }
}
