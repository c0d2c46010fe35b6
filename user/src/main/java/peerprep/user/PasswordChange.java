package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.Set;

/** A password change: the current password, to prove it is really the owner, and the new one. */
public record PasswordChange(String currentPassword, String newPassword) {

  public static PasswordChange fromJson(JsonObject body) {
    String current = body.getString("currentPassword");
    String next = body.getString("newPassword");
    if (current.equals(next)) {
      throw ApiException.badRequest("The new password must differ from the current one.");
    }
    return new PasswordChange(current, next);
  }
}
