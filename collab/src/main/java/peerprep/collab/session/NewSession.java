package peerprep.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The body of POST /internal/sessions: a match's two participants, its question and the language. */
public record NewSession(String matchId, List<Participant> participants, JsonObject question, String language) {
  private static final Set<String> DIFFICULTIES = Set.of("Easy", "Medium", "Hard");

  public static NewSession fromJson(JsonObject body) {
    String matchId = Bodies.uuid(Bodies.requiredString(body, "matchId"), "matchId").toString();
    if (!(body.getValue("participants") instanceof JsonArray array) || array.size() != 2) {
      throw ApiException.badRequest("The field 'participants' must be an array of exactly two participants.");
    }
    List<Participant> participants = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      participants.add(Participant.fromJson(array.getValue(i), i));
    }
    if (participants.get(0).id().equals(participants.get(1).id())) {
      throw ApiException.badRequest("The two participants must be different users.");
    }
    String language = Languages.require(body.getValue("language"));
    return new NewSession(matchId, List.copyOf(participants), question(body.getValue("question")), language);
  }

  private static JsonObject question(Object value) {
    if (!(value instanceof JsonObject q)) {
      throw ApiException.badRequest("The field 'question' must be the question summary object {id, title, difficulty, topics}.");
    }
    String id = Bodies.requiredString(q, "id");
    String title = Bodies.requiredString(q, "title");
    String difficulty = Bodies.requiredString(q, "difficulty");
    if (!DIFFICULTIES.contains(difficulty)) {
      throw ApiException.badRequest("question.difficulty must be one of Easy, Medium, Hard.");
    }
    List<String> topics = Bodies.stringList(q, "topics", true);
    return new JsonObject().put("id", id).put("title", title).put("difficulty", difficulty).put("topics", new JsonArray(topics));
  }
}
