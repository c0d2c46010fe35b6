package peerprep.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.ArrayList;
import java.util.List;

/** One of the two people of a session, as the matching service named them. */
public record Participant(String id, String username) {
  static final int MAX_USERNAME = 64;

  public static Participant fromJson(Object value, int index) {
    if (!(value instanceof JsonObject json)) {
      throw ApiException.badRequest("participants[" + index + "] must be an object with 'id' and 'username'.");
    }
    String id = Bodies.uuid(Bodies.requiredString(json, "id"), "participant id").toString();
    String username = Bodies.requiredString(json, "username").trim();
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
