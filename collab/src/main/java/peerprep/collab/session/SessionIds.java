package peerprep.collab.session;

import java.util.UUID;

/** Session ids are lower-case UUIDs; anything else names no session. */
public final class SessionIds {
  private SessionIds() {
  }

  public static boolean valid(String id) {
    try {
      return id != null && UUID.fromString(id).toString().equals(id);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
