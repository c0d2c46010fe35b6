package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.Set;
import java.util.TreeSet;

/** Checks on request bodies beyond common's Bodies: unknown fields, booleans, at least one change. */
final class Fields {
  private Fields() {
  }

  /** Refuses fields the route does not know, so a typo or a forbidden field is not silently ignored. */
  static void onlyKnown(JsonObject body, Set<String> known) {
    Set<String> unknown = new TreeSet<>(body.fieldNames());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest("Unknown field(s) " + String.join(", ", unknown) + "; this request accepts "
        + String.join(", ", new TreeSet<>(known)) + ".");
    }
  }

  static Boolean optionalBoolean(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw ApiException.badRequest("The field '" + field + "' must be true or false.");
    }
    return b;
  }

  static void requireAny(JsonObject body, Set<String> fields) {
    if (fields.stream().noneMatch(body::containsKey)) {
      throw ApiException.badRequest("Send at least one of " + String.join(", ", new TreeSet<>(fields)) + ".");
    }
  }
}
