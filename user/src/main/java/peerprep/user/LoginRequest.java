package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.Set;

/** A sign-in: a username or an email address, and a password. */
public record LoginRequest(String identifier, String password) {
  /** The body has passed the document's schema (lengths, required fields); the identifier is trimmed here. */
  public static LoginRequest fromJson(JsonObject body) {
    String identifier = body.getString("identifier").trim();
    if (identifier.isEmpty()) {
      throw ApiException.badRequest("The field 'identifier' is required: a username or an email address.");
    }
    return new LoginRequest(identifier, body.getString("password"));
  }
}
