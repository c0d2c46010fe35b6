package peerprep.matching.live;

import io.vertx.core.json.JsonObject;

/** The frames a socket sends of its own, about the socket rather than a request. */
final class Frames {
  private Frames() {
  }

  /** The answer to a client's ping frame. */
  static JsonObject pong() {
    return new JsonObject().put("type", "pong");
  }

  static JsonObject error(String code, String detail) {
    return new JsonObject().put("type", "error").put("code", code).put("detail", detail);
  }
}
