package peerprep.common.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a validation failure of vertx-openapi into a 400 (or 415) problem whose detail names the field or
 * parameter and the rule it broke, in words taken from the document itself (the limit, the pattern, the
 * allowed values), and whose {@code field} member holds the JSON path of a body field.
 */
final class ValidationProblem {
  /** The longest text a detail repeats back to the client. */
  private static final int MAX_ECHOED_CHARS = 64;
  private static final Pattern PARAMETER = Pattern.compile("(query|path|header|cookie) parameter (\\S+?)(?: is|$)");
  private static final Pattern REQUIRED = Pattern.compile("required property \"(.*)\"");
  private static final List<String> CONTAINERS = List.of("properties", "items", "prefixItems", "allOf", "anyOf",
    "oneOf", "$ref", "additionalProperties", "unevaluatedProperties", "propertyNames");

  private ValidationProblem() {
  }

  static ApiException of(ValidatorException e, OpenAPIContract contract, Operation operation, Function<String, Object> given) {
    Matcher param = PARAMETER.matcher(e.getMessage());
    Parameter parameter = param.find() ? find(operation, param.group(1), param.group(2)) : null;
    if (e instanceof SchemaValidationException s && s.getOutputUnit() != null) {
      JsonObject schema = parameter != null ? parameter.getOpenAPIModel().getJsonObject("schema") : bodySchema(operation);
      return schemaProblem(s.getOutputUnit(), parameter, new SchemaLookup(contract.getRawContract(), schema), given);
    }
    if (e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER) {
      return parameter == null
        ? ApiException.badRequest("The request needs a JSON object body.")
        : ApiException.badRequest("The " + where(parameter) + " is required.");
    }
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && parameter == null) {
      return new ApiException(415, "Unsupported Media Type", "Send the body as application/json.");
    }
    if (parameter != null) {
      return ApiException.badRequest("The " + where(parameter) + " could not be read: " + e.getMessage());
    }
    return ApiException.badRequest("The request body is not valid JSON.");
  }

  private static ApiException schemaProblem(OutputUnit result, Parameter parameter, SchemaLookup lookup,
                                            Function<String, Object> given) {
    OutputUnit error = mostSpecific(result);
    String keywordPath = error.getKeywordLocation() == null ? "#" : error.getKeywordLocation();
    String keyword = keywordPath.substring(keywordPath.lastIndexOf('/') + 1);
    String location = fieldPath(error.getInstanceLocation());
    if (keyword.equals("required")) {
      Matcher m = REQUIRED.matcher(String.valueOf(error.getError()));
      String name = m.find() ? m.group(1) : "?";
      location = location.isEmpty() ? name : location + "." + name;
    }
    String subject = parameter != null ? "The " + where(parameter)
      : location.isEmpty() ? "The request body" : "The field '" + location + "'";
    Object format = lookup.keyword(keywordPath);
    Object value = parameter != null ? given.apply(parameter.getName()) : given.apply(error.getInstanceLocation());
    String refused = keyword.equals("format") && "uuid".equals(format) && value instanceof String s
      ? "; '" + s + "' is not a valid id"
      : keyword.equals("pattern") && value instanceof String s && s.length() <= MAX_ECHOED_CHARS ? ", not '" + s + "'" : "";
    String detail = subject + " " + Rules.sentence(keyword, format, error.getError(), lookup.parent(keywordPath)) + refused + ".";
    JsonObject extra = parameter != null ? new JsonObject().put("parameter", parameter.getName())
      : location.isEmpty() ? null : new JsonObject().put("field", location);
    return new ApiException(400, "Bad Request", detail, extra);
  }

  /** The error about the deepest field that is not only a summary of the errors below it. */
  private static OutputUnit mostSpecific(OutputUnit result) {
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result) : result.getErrors();
    return errors.stream()
      .min(Comparator.comparingInt(ValidationProblem::rank))
      .orElse(result);
  }

  private static int rank(OutputUnit unit) {
    String location = unit.getKeywordLocation() == null ? "#" : unit.getKeywordLocation();
    String keyword = location.substring(location.lastIndexOf('/') + 1);
    if (keyword.equals("type") && String.valueOf(unit.getError()).endsWith("Expected null")) {
      return 5;
    }
    if (keyword.equals("type")) {
      return 0;
    }
    if (keyword.equals("required") || keyword.equals("format")) {
      return 1;
    }
    if (keyword.equals("additionalProperties") || keyword.equals("unevaluatedProperties")) {
      return 3;
    }
    return CONTAINERS.contains(keyword) ? 4 : 2;
  }

  /** {@code #/examples/0/output} as {@code examples[0].output}; the body itself as the empty string. */
  static String fieldPath(String instanceLocation) {
    if (instanceLocation == null || instanceLocation.equals("#") || instanceLocation.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String segment : instanceLocation.replaceFirst("^#?/", "").split("/")) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit) && !name.isEmpty() && out.length() > 0) {
        out.append('[').append(name).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(name);
      }
    }
    return out.toString();
  }

  private static String where(Parameter parameter) {
    String in = parameter.getIn().name().toLowerCase();
    return (in.equals("path") ? "path parameter" : in.equals("header") ? "header" : in + " parameter")
      + " '" + parameter.getName() + "'";
  }

  private static Parameter find(Operation operation, String in, String name) {
    return operation.getParameters().stream()
      .filter(p -> p.getIn().name().equalsIgnoreCase(in) && p.getName().equals(name))
      .findFirst().orElse(null);
  }

  private static JsonObject bodySchema(Operation operation) {
    if (operation.getRequestBody() == null) {
      return null;
    }
    return operation.getRequestBody().getContent().values().stream()
      .map(media -> media.getOpenAPIModel().getJsonObject("schema"))
      .findFirst().orElse(null);
  }

  /** Finds the value of a keyword in the written schema, following {@code $ref}s through the document. */
  private record SchemaLookup(JsonObject document, JsonObject schema) {
    Object keyword(String keywordLocation) {
      return walk(keywordLocation, false);
    }

    /** The schema holding this keyword. */
    JsonObject parent(String keywordLocation) {
      return walk(keywordLocation, true) instanceof JsonObject object ? object : null;
    }

    private Object walk(String keywordLocation, boolean parentOnly) {
      Object at = schema;
      String[] segments = keywordLocation.replaceFirst("^#?/?", "").split("/");
      int end = parentOnly ? segments.length - 1 : segments.length;
      for (int i = 0; i < end && at != null; i++) {
        String segment = segments[i].replace("~1", "/").replace("~0", "~");
        if (segment.isEmpty()) {
          continue;
        }
        at = resolve(at);
        if (at instanceof JsonObject object) {
          at = segment.equals("$ref") ? object : object.getValue(segment);
        } else if (at instanceof JsonArray array && segment.chars().allMatch(Character::isDigit)) {
          int index = Integer.parseInt(segment);
          at = index < array.size() ? array.getValue(index) : null;
        } else {
          at = null;
        }
      }
      return resolve(at);
    }

    @SuppressWarnings("unchecked")
    private Object resolve(Object at) {
      for (int hops = 0; hops < 16 && at instanceof JsonObject object && object.getValue("$ref") instanceof String ref
        && ref.startsWith("#/"); hops++) {
        Object target = document;
        for (String part : ref.substring(2).split("/")) {
          target = target instanceof JsonObject o ? o.getValue(part.replace("~1", "/").replace("~0", "~")) : null;
        }
        at = target;
      }
      return at instanceof Map<?, ?> map ? new JsonObject((Map<String, Object>) map) : at;
    }
  }
}
