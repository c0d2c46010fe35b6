package peerprep.chat;

import peerprep.common.http.ApiException;

import java.util.UUID;

/** Session ids are the collaboration service's UUIDs; anything else never reaches a Redis key. */
final class SessionIds {
  private SessionIds() {
  }

  static boolean valid(String id) {
    try {
      return id != null && id.length() == 36 && UUID.fromString(id).toString().equalsIgnoreCase(id);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String parse(String id) {
    if (!valid(id)) {
      throw ApiException.badRequest("The session id '" + id + "' is not a valid id.");
    }
    return id.toLowerCase();
  }
}
