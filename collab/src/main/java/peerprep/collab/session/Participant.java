package peerprep.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.ids.Uuids;

import java.util.ArrayList;
import java.util.List;

/** One of the two people of a session, as the matching service named them. */
public record Participant(String id, String username) {
  static final int MAX_USERNAME = 64;

  /** One participant of a body the OpenAPI document has checked; the username is trimmed, then its length checked. */
  public static Participant fromJson(JsonObject json, int index) {
    String id = Uuids.parse(json.getString("id")).toString();
    String username = json.getString("username").trim();
    if (username.isEmpty() || username.length() > MAX_USERNAME) {
      throw ApiException.badRequest("participants[" + index + "].username must be 1 to " + MAX_USERNAME + " characters.");
    }
    return new Participant(id, username);
  }

  public static List<Participant> listFromJson(JsonArray array) {
    List<Participant> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject json = array.getJsonObject(i);
      out.add(new Participant(json.getString("id"), json.getString("username")));
    }
    return out;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("username", username);
  }

  public static JsonArray toJson(List<Participant> participants) {
    JsonArray out = new JsonArray();
    participants.forEach(p -> out.add(p.toJson()));
    return out;
  }
}
