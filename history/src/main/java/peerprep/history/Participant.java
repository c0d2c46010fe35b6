package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.auth.Principal;
import peerprep.common.http.ApiException;

import java.util.List;
import java.util.UUID;

/**
 * One of the two users of a session, named as they were: the username and the display name they gave
 * the session (or null). A deleted account has no id and no display name.
 */
public record Participant(UUID id, String username, String displayName) {
  static final String DELETED_NAME = "deleted user";
  static final int MAX_DISPLAY_NAME = 64;

  Participant(UUID id, String username) {
    this(id, username, null);
  }

  /** Exactly two distinct users, as a session always has. */
  static List<Participant> pairFromJson(JsonArray array) {
    if (array.size() != 2) {
      throw ApiException.badRequest("The field 'participants' must list exactly two users, not " + array.size() + ".");
    }
    List<Participant> pair = List.of(fromJson(Fields.item(array, 0, "participants")),
      fromJson(Fields.item(array, 1, "participants")));
    if (pair.get(0).id().equals(pair.get(1).id())) {
      throw ApiException.badRequest("The two participants must be different users.");
    }
    return pair;
  }

  private static Participant fromJson(Fields f) {
    String displayName = f.optionalString("displayName");
    if (displayName != null) {
      displayName = displayName.strip();
      if (displayName.isEmpty() || displayName.length() > MAX_DISPLAY_NAME) {
        throw ApiException.badRequest("The field '" + f.name("displayName") + "' must be 1 to " + MAX_DISPLAY_NAME
          + " characters, or null.");
      }
    }
    return new Participant(f.uuid("id"), f.text("username"), displayName);
  }

  /** Whether the user may open an attempt of these participants: one of them, or an admin. */
  static boolean visible(List<Participant> participants, Principal user) {
    return user.isAdmin() || participants.stream().anyMatch(p -> !p.deleted() && p.id().toString().equals(user.id()));
  }

  /** The position (0 or 1) of the user among the participants, or -1. */
  static int position(List<Participant> participants, UUID user) {
    for (int i = 0; i < participants.size(); i++) {
      if (user.equals(participants.get(i).id())) {
        return i;
      }
    }
    return -1;
  }

  /** The position among the participants of the user a field names, or a 400 when it names someone else. */
  static int positionOf(Fields f, String key, List<Participant> participants) {
    UUID user = f.uuid(key);
    int position = position(participants, user);
    if (position < 0) {
      throw ApiException.badRequest("The field '" + f.name(key) + "' (" + user + ") is not one of the participants.");
    }
    return position;
  }

  boolean deleted() {
    return id == null;
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id == null ? null : id.toString()).put("username", username)
      .put("displayName", displayName);
  }

  static JsonArray toJson(List<Participant> participants) {
    return new JsonArray(participants.stream().map(Participant::toJson).toList());
  }
}
