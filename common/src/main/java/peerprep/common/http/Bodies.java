package peerprep.common.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.text.StorableText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Parsing of request bodies, paths and query strings that turns bad input into 400s with a detail. */
public final class Bodies {
  private Bodies() {
  }

  /**
   * The request body as a JSON object, or a 415 when the body is declared as another type, or a 400 that
   * says what is wrong with it, including any string or field name that PostgreSQL could not store (then
   * the problem's {@code field} member holds its JSON path, e.g. {@code examples[0].output}).
   */
  public static JsonObject json(RoutingContext ctx) {
    String type = EdgeGuard.mediaType(ctx.request().getHeader("Content-Type"));
    if (type != null && !type.equals("application/json") && !type.endsWith("+json")) {
      throw new ApiException(415, "Unsupported Media Type", "Send the body as application/json, not " + type + ".");
    }
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("The request needs a JSON object body.");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ApiException.badRequest("The request body is not valid JSON.");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.badRequest("The request body must be a JSON object, not " + kind(parsed) + ".");
    }
    String refused = StorableText.findInJson(object, "");
    if (refused != null) {
      throw new ApiException(400, "Bad Request", refused, new JsonObject().put("field", refusedPath(object, "")));
    }
    return object;
  }

  /** The JSON path of the first string or field name PostgreSQL could not store, or null when there is none. */
  private static String refusedPath(Object json, String path) {
    if (json instanceof String s) {
      return StorableText.storable(s) ? null : path;
    }
    if (json instanceof JsonObject object) {
      for (Map.Entry<String, Object> e : object) {
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (!StorableText.storable(e.getKey())) {
          return child;
        }
        String found = refusedPath(e.getValue(), child);
        if (found != null) {
          return found;
        }
      }
    } else if (json instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String found = refusedPath(array.getValue(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  public static String requiredString(JsonObject body, String field) {
    String v = optionalString(body, field);
    if (v == null || v.isBlank()) {
      throw ApiException.badRequest("The field '" + field + "' is required.");
    }
    return v;
  }

  public static String optionalString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiException.badRequest("The field '" + field + "' must be a string, not " + kind(v) + ".");
    }
    return s;
  }

  public static Integer optionalInt(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw ApiException.badRequest("The field '" + field + "' must be a whole number, not " + kind(v) + ".");
    }
    if (n.doubleValue() < Integer.MIN_VALUE || n.doubleValue() > Integer.MAX_VALUE) {
      throw ApiException.badRequest("The field '" + field + "' must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ".");
    }
    return n.intValue();
  }

  public static Long optionalLong(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw ApiException.badRequest("The field '" + field + "' must be a whole number, not " + kind(v) + ".");
    }
    return n.longValue();
  }

  public static List<String> stringList(JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiException.badRequest("The field '" + field + "' is required.");
      }
      return List.of();
    }
    if (!(v instanceof JsonArray array)) {
      throw ApiException.badRequest("The field '" + field + "' must be an array of strings, not " + kind(v) + ".");
    }
    List<String> out = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s)) {
        throw ApiException.badRequest("Every item of '" + field + "' must be a string.");
      }
      out.add(s);
    }
    return out;
  }

  /** A canonical 36-character UUID ({@link peerprep.common.ids.Uuids}), else 400 with a detail. */
  public static UUID uuid(String value, String what) {
    try {
      return peerprep.common.ids.Uuids.parse(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("The " + what + " '" + value + "' is not a valid id.");
    }
  }

  /** A whole-number query parameter within bounds, or the fallback when absent. */
  public static int queryInt(RoutingContext ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw ApiException.badRequest("The query parameter '" + name + "' must be between " + min + " and " + max + ".");
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("The query parameter '" + name + "' must be a whole number.");
    }
  }

  static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof JsonArray) {
      return "an array";
    }
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a " + v.getClass().getSimpleName();
  }
}
