package peerprep.history;

import io.vertx.core.json.JsonArray;
import peerprep.common.http.ApiException;

/**
 * Checks that a value has the shape of CodeMirror's {@code ChangeSet.toJSON()}: an array whose sections
 * are either a number (a length kept unchanged) or an array {@code [deletedLength, ...insertedLines]}.
 * A replay client applies these in order, so a malformed one would break every later step.
 */
final class ChangeSets {
  private ChangeSets() {
  }

  static void check(JsonArray changes, String field) {
    for (Object section : changes) {
      if (!(isLength(section) || isReplacement(section))) {
        throw ApiException.badRequest("The field '" + field + "' must be CodeMirror ChangeSet JSON: every section is a "
          + "length or an array of a deleted length followed by the inserted lines.");
      }
    }
  }

  private static boolean isLength(Object v) {
    return v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.rint(n.doubleValue());
  }

  private static boolean isReplacement(Object v) {
    if (!(v instanceof JsonArray a) || a.isEmpty() || !isLength(a.getValue(0))) {
      return false;
    }
    for (int i = 1; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String)) {
        return false;
      }
    }
    return true;
  }
}
