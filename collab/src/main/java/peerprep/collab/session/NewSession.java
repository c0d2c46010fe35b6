package peerprep.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The body of POST /internal/sessions: a match's two participants, its question, the language and the
 * question's starter code per language (optional; the editor starts with the chosen language's).
 */
public record NewSession(String matchId, List<Participant> participants, JsonObject question, String language,
                         Map<String, String> starterCode) {
  private static final Set<String> DIFFICULTIES = Set.of("Easy", "Medium", "Hard");
  static final int MAX_STARTER_CHARS = 100_000;

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
    return new NewSession(matchId, List.copyOf(participants), question(body.getValue("question")), language,
      starterCode(body.getValue("starterCode")));
  }

  /** The text the editor starts with: the starter code of the session's language, line breaks as the editor keeps them. */
  public String initialText() {
    return starterCode.getOrDefault(language, "");
  }

  public JsonObject starterCodeJson() {
    return new JsonObject(new TreeMap<String, Object>(starterCode));
  }

  private static Map<String, String> starterCode(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject code)) {
      throw ApiException.badRequest("The field 'starterCode' must be an object of code by language.");
    }
    Map<String, String> out = new TreeMap<>();
    for (String language : code.fieldNames()) {
      if (!Languages.valid(language)) {
        throw ApiException.badRequest("starterCode." + language + " is not a language of sessions; use "
          + Languages.choices() + ".");
      }
      if (!(code.getValue(language) instanceof String text)) {
        throw ApiException.badRequest("starterCode." + language + " must be a string.");
      }
      if (text.length() > MAX_STARTER_CHARS) {
        throw ApiException.badRequest("starterCode." + language + " must be at most " + MAX_STARTER_CHARS + " characters.");
      }
      out.put(language, text.replace("\r\n", "\n").replace('\r', '\n'));
    }
    return Map.copyOf(out);
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
