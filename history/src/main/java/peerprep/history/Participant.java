package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.auth.Principal;
import peerprep.common.http.ApiException;

import java.util.List;
import java.util.UUID;

/** One of the two users of a session, named as they were; a deleted account has no id. */
public record Participant(UUID id, String username) {
  static final String DELETED_NAME = "deleted user";

  /** Exactly two distinct users, as a session always has. */
  static List<Participant> pairFromJson(JsonArray array) {
    if (array.size() != 2) {
      throw ApiException.badRequest("The field 'participants' must list exactly two users, not " + array.size() + ".");
    }
    Fields first = Fields.item(array, 0, "participants");
    Fields second = Fields.item(array, 1, "participants");
    List<Participant> pair = List.of(
      new Participant(first.uuid("id"), first.text("username")),
      new Participant(second.uuid("id"), second.text("username")));
    if (pair.get(0).id().equals(pair.get(1).id())) {
      throw ApiException.badRequest("The two participants must be different users.");
    }
    return pair;
  }

  /** Whether the user may open an attempt of these participants: one of them, or an admin. */
  static boolean visible(List<Participant> participants, Principal user) {
    return user.isAdmin() || participants.stream().anyMatch(p -> !p.deleted() && p.id().toString().equals(user.id()));
  }

  boolean deleted() {
    return id == null;
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id == null ? null : id.toString()).put("username", username);
  }

  static JsonArray toJson(List<Participant> participants) {
    return new JsonArray(participants.stream().map(Participant::toJson).toList());
  }
}
