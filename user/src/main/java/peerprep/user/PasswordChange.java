package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.Set;

/** A password change: the current password, to prove it is really the owner, and the new one. */
public record PasswordChange(String currentPassword, String newPassword) {
  static final Set<String> FIELDS = Set.of("currentPassword", "newPassword");

  public static PasswordChange fromJson(JsonObject body) {
    Fields.onlyKnown(body, FIELDS);
    String current = Bodies.requiredString(body, "currentPassword");
    String next = Bodies.requiredString(body, "newPassword");
    if (current.length() > LoginRequest.MAX_PASSWORD) {
      throw ApiException.badRequest("The current password is longer than any password this service accepts.");
    }
    if (current.equals(next)) {
      throw ApiException.badRequest("The new password must differ from the current one.");
    }
    return new PasswordChange(current, next);
  }
}
