package peerprep.matching.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.SocketError;
import peerprep.matching.queue.MatchRequest;

/**
 * A frame a user sent on the matching WebSocket: a {@code request} (with its criteria), a {@code cancel}
 * or a {@code ping} (answered with a pong); for a bad frame, the error frame that answers it.
 */
record ClientFrame(String type, MatchRequest request, JsonObject error) {
  static final String REQUEST = "request";
  static final String CANCEL = "cancel";
  static final String PING = "ping";
  private static final String NOT_AN_OBJECT = "Frames must be JSON objects, such as {\"type\":\"cancel\"}.";

  static ClientFrame parse(String text) {
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      return invalid(SocketError.MALFORMED.code(), NOT_AN_OBJECT);
    }
    if (!(parsed instanceof JsonObject msg)) {
      return invalid(SocketError.MALFORMED.code(), NOT_AN_OBJECT);
    }
    Object type = msg.getValue("type");
    if (REQUEST.equals(type)) {
      try {
        return new ClientFrame(REQUEST, MatchRequest.fromJson(msg), null);
      } catch (ApiException e) {
        return invalid("bad-request", e.getMessage());
      }
    }
    if (CANCEL.equals(type)) {
      return new ClientFrame(CANCEL, null, null);
    }
    if (PING.equals(type)) {
      return new ClientFrame(PING, null, null);
    }
    if (type == null) {
      return invalid("bad-request", "The frame needs a 'type': 'request', 'cancel' or 'ping'.");
    }
    return invalid(SocketError.UNKNOWN_TYPE.code(), "The frame type '" + type + "' is unknown; send 'request', 'cancel' or 'ping'.");
  }

  private static ClientFrame invalid(String code, String detail) {
    return new ClientFrame(null, null, Frames.error(code, detail));
  }
}
