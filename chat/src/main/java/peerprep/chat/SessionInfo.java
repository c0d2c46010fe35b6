package peerprep.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** What the collaboration service says about a session: who may chat in it and whether it is still on. */
record SessionInfo(String sessionId, List<String> participantIds, boolean ended) {

  static SessionInfo fromJson(String sessionId, JsonObject body) {
    JsonArray participants = body.getJsonArray("participants", new JsonArray());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < participants.size(); i++) {
      Object p = participants.getValue(i);
      if (p instanceof JsonObject o && o.getString("id") != null) {
        ids.add(o.getString("id"));
      }
    }
    return new SessionInfo(sessionId, List.copyOf(ids), "ended".equals(body.getString("status")));
  }

  boolean hasParticipant(String userId) {
    return participantIds.contains(userId);
  }

  SessionInfo asEnded() {
    return new SessionInfo(sessionId, participantIds, true);
  }
}
