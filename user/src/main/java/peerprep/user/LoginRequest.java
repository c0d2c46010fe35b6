package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.Set;

/** A sign-in: a username or an email address, and a password. */
public record LoginRequest(String identifier, String password) {
  static final Set<String> FIELDS = Set.of("identifier", "password");
  static final int MAX_IDENTIFIER = 254;
  static final int MAX_PASSWORD = 1024;

  public static LoginRequest fromJson(JsonObject body) {
    Fields.onlyKnown(body, FIELDS);
    String identifier = Bodies.requiredString(body, "identifier").trim();
    String password = Bodies.requiredString(body, "password");
    if (identifier.length() > MAX_IDENTIFIER) {
      throw ApiException.badRequest("The identifier must be a username or an email address of at most " + MAX_IDENTIFIER + " characters.");
    }
    if (password.length() > MAX_PASSWORD) {
      throw ApiException.badRequest("The password is longer than any password this service accepts.");
    }
    return new LoginRequest(identifier, password);
  }
}
