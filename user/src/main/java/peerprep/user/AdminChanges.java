package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.Set;

/** An admin's change to an account: its role, whether it is disabled, or both. */
public record AdminChanges(String role, Boolean disabled) {

  public static AdminChanges fromJson(JsonObject body) {
    return new AdminChanges(body.getString("role"), body.getBoolean("disabled"));
  }

  /** Whether applying this to oneself would lock oneself out of administration. */
  public boolean locksOut() {
    return User.ROLE_USER.equals(role) || Boolean.TRUE.equals(disabled);
  }
}
