package peerprep.collab.session;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

/** The body of PUT /sessions/{id}/me: the name a participant is shown by to their partner, or null for none. */
public final class DisplayName {
  static final int MAX_CHARS = 64;

  private DisplayName() {
  }

  /** The trimmed name, or the empty string to clear it; the OpenAPI document has checked it is a string or null. */
  public static String fromJson(JsonObject body) {
    String text = body.getString("displayName");
    if (text == null) {
      return "";
    }
    String name = text.strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_CHARS) {
      throw ApiException.badRequest("The display name must be 1 to " + MAX_CHARS + " characters (send null to clear it).");
    }
    if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
      throw ApiException.badRequest("The display name must not contain control characters.");
    }
    return name;
  }
}
