package peerprep.user;

import io.vertx.core.json.JsonObject;

/** What a successful sign-in, refresh or password change answers: the user and a fresh token pair. */
public record Session(User user, String accessToken, String refreshToken, int expiresIn) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("user", user.toJson())
      .put("accessToken", accessToken)
      .put("tokenType", "Bearer")
      .put("expiresIn", expiresIn)
      .put("refreshToken", refreshToken);
  }
}
