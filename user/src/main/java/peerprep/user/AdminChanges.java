package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.Set;

/** An admin's change to an account: its role, whether it is disabled, or both. */
public record AdminChanges(String role, Boolean disabled) {
  static final Set<String> FIELDS = Set.of("role", "disabled");

  public static AdminChanges fromJson(JsonObject body) {
    Fields.onlyKnown(body, FIELDS);
    String role = Bodies.optionalString(body, "role");
    Boolean disabled = Fields.optionalBoolean(body, "disabled");
    if (role == null && disabled == null) {
      throw ApiException.badRequest("Send 'role' (\"user\" or \"admin\"), 'disabled' (true or false), or both.");
    }
    if (role != null && !User.ROLE_USER.equals(role) && !User.ROLE_ADMIN.equals(role)) {
      throw ApiException.badRequest("The role must be \"user\" or \"admin\".");
    }
    return new AdminChanges(role, disabled);
  }

  /** Whether applying this to oneself would lock oneself out of administration. */
  public boolean locksOut() {
    return User.ROLE_USER.equals(role) || Boolean.TRUE.equals(disabled);
  }
}
