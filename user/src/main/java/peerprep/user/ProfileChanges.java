package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.List;

/**
 * A change to one's own profile. A field left out stays as it is; a field sent as null is cleared.
 */
public record ProfileChanges(boolean changesDisplayName, String displayName, boolean changesLanguage, String preferredLanguage) {
  public static final List<String> LANGUAGES = peerprep.common.vocab.Language.ids();
  static final int MAX_DISPLAY_NAME = 64;

  public static ProfileChanges fromJson(JsonObject body) {
    return new ProfileChanges(
      body.containsKey("displayName"), displayName(body.getString("displayName")),
      body.containsKey("preferredLanguage"), body.getString("preferredLanguage"));
  }

  static String displayName(String raw) {
    if (raw == null) {
      return null;
    }
    String v = raw.strip();
    if (v.isEmpty() || v.codePointCount(0, v.length()) > MAX_DISPLAY_NAME) {
      throw ApiException.badRequest("The display name must be 1 to " + MAX_DISPLAY_NAME + " characters (send null to clear it).");
    }
    if (v.codePoints().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("The display name must not contain control characters.");
    }
    return v;
  }
}
