package peerprep.common.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Values made from a JSON Schema: a valid one, one of the wrong type, one outside the schema's limits. */
final class Samples {
  private Samples() {
  }

  /** An object holding a valid value for each required property. */
  static JsonObject of(UnaryOperator<JsonObject> resolve, JsonObject schema) {
    JsonObject out = new JsonObject();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (Object name : schema.getJsonArray("required", new JsonArray())) {
      out.put((String) name, value(resolve.apply(properties.getJsonObject((String) name, new JsonObject())), resolve));
    }
    return out;
  }

  /** A valid value, as a parameter's text. */
  static String valid(JsonObject schema, UnaryOperator<JsonObject> resolve) {
    Object v = value(schema, resolve);
    if (v instanceof JsonArray array) {
      return array.isEmpty() ? "" : String.valueOf(array.getValue(0));
    }
    return String.valueOf(v);
  }

  static Object value(JsonObject schema, UnaryOperator<JsonObject> resolve) {
    if (schema.containsKey("const")) {
      return schema.getValue("const");
    }
    if (schema.getValue("examples") instanceof JsonArray examples && !examples.isEmpty()) {
      return examples.getValue(0);
    }
    if (schema.containsKey("default")) {
      return schema.getValue("default");
    }
    if (schema.getValue("enum") instanceof JsonArray values && !values.isEmpty()) {
      return values.getValue(0);
    }
    for (String choice : List.of("oneOf", "anyOf", "allOf")) {
      if (schema.getValue(choice) instanceof JsonArray options && !options.isEmpty()) {
        return value(resolve.apply(options.getJsonObject(0)), resolve);
      }
    }
    return switch (type(schema)) {
      case "integer", "number" -> schema.getValue("minimum", 1);
      case "boolean" -> true;
      case "array" -> array(schema, resolve);
      case "object" -> of(resolve, schema);
      default -> string(schema);
    };
  }

  private static JsonArray array(JsonObject schema, UnaryOperator<JsonObject> resolve) {
    JsonArray out = new JsonArray();
    JsonObject items = resolve.apply(schema.getJsonObject("items", new JsonObject()));
    for (int i = 0; i < schema.getInteger("minItems", 0); i++) {
      out.add(value(items, resolve));
    }
    return out;
  }

  private static String string(JsonObject schema) {
    String format = schema.getString("format", "");
    if (format.equals("uuid")) {
      return UUID.randomUUID().toString();
    }
    if (format.equals("email")) {
      return "probe@peerprep.example";
    }
    if (format.equals("date-time")) {
      return "2026-01-31T09:30:00Z";
    }
    return "a".repeat(Math.max(schema.getInteger("minLength", 1), 3));
  }

  /** A value of another JSON type than the schema allows, or null when it allows any. */
  static Object wrongType(JsonObject schema, UnaryOperator<JsonObject> resolve) {
    List<String> types = types(schema, resolve);
    if (types.isEmpty()) {
      return null;
    }
    if (!types.contains("boolean")) {
      return true;
    }
    if (!types.contains("string")) {
      return "probe";
    }
    return types.contains("object") ? null : new JsonObject().put("probe", 1);
  }

  /** A parameter text the schema refuses, or null when it accepts any text. */
  static String violating(JsonObject schema, UnaryOperator<JsonObject> resolve) {
    JsonObject s = schema;
    if (type(s).equals("array")) {
      s = resolve.apply(s.getJsonObject("items", new JsonObject()));
    }
    if (s.containsKey("enum") || s.containsKey("const")) {
      return "probe-not-allowed";
    }
    if (s.getValue("oneOf") instanceof JsonArray || s.getValue("anyOf") instanceof JsonArray) {
      return "probe-not-allowed";
    }
    return switch (type(s)) {
      case "integer", "number" -> "probe";
      case "boolean" -> "probe";
      default -> s.containsKey("format") || s.containsKey("pattern") ? "probe not valid"
        : s.containsKey("maxLength") ? "a".repeat(s.getInteger("maxLength") + 1) : null;
    };
  }

  private static List<String> types(JsonObject schema, UnaryOperator<JsonObject> resolve) {
    Object t = schema.getValue("type");
    if (t instanceof JsonArray array) {
      return array.stream().map(String::valueOf).toList();
    }
    if (t != null) {
      return List.of(t.toString());
    }
    if (schema.containsKey("enum") || schema.containsKey("const")) {
      return List.of("string");
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (schema.getValue(choice) instanceof JsonArray options) {
        return options.stream().flatMap(o -> types(resolve.apply((JsonObject) o), resolve).stream()).toList();
      }
    }
    return List.of();
  }

  private static String type(JsonObject schema) {
    Object t = schema.getValue("type");
    if (t instanceof JsonArray types) {
      return types.stream().filter(x -> !"null".equals(x)).findFirst().map(Object::toString).orElse("string");
    }
    return t == null ? "string" : t.toString();
  }
}
