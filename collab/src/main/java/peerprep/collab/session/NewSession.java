package peerprep.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.ids.Uuids;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of POST /internal/sessions: a match's two participants, its question, the language and the
 * question's starter code per language (optional; the editor starts with the chosen language's). The
 * OpenAPI document checks its shape (types, the two participants, the languages, the lengths); this
 * record adds what a schema cannot say.
 */
public record NewSession(String matchId, List<Participant> participants, JsonObject question, String language,
                         Map<String, String> starterCode) {
  static final int MAX_STARTER_CHARS = 100_000;

  public static NewSession fromJson(JsonObject body) {
    String matchId = Uuids.parse(body.getString("matchId")).toString();
    JsonArray array = body.getJsonArray("participants");
    List<Participant> participants = List.of(Participant.fromJson(array.getJsonObject(0), 0),
      Participant.fromJson(array.getJsonObject(1), 1));
    if (participants.get(0).id().equals(participants.get(1).id())) {
      throw ApiException.badRequest("The two participants must be different users.");
    }
    return new NewSession(matchId, participants, question(body.getJsonObject("question")), body.getString("language"),
      starterCode(body.getJsonObject("starterCode")));
  }

  /** The text the editor starts with: the starter code of the session's language, line breaks as the editor keeps them. */
  public String initialText() {
    return starterCode.getOrDefault(language, "");
  }

  public JsonObject starterCodeJson() {
    return new JsonObject(new TreeMap<String, Object>(starterCode));
  }

  /** The document counts characters as code points; the limit is kept in UTF-16 units, as it always was. */
  private static Map<String, String> starterCode(JsonObject code) {
    if (code == null) {
      return Map.of();
    }
    Map<String, String> out = new TreeMap<>();
    for (String language : code.fieldNames()) {
      String text = code.getString(language);
      if (text.length() > MAX_STARTER_CHARS) {
        throw ApiException.badRequest("starterCode." + language + " must be at most " + MAX_STARTER_CHARS + " characters.");
      }
      out.put(language, text.replace("\r\n", "\n").replace('\r', '\n'));
    }
    return Map.copyOf(out);
  }

  /** The question summary without any other field; a title or id of spaces only is as good as none. */
  private static JsonObject question(JsonObject q) {
    for (String field : List.of("id", "title")) {
      if (q.getString(field).isBlank()) {
        throw ApiException.badRequest("The field 'question." + field + "' is required.");
      }
    }
    return new JsonObject().put("id", q.getString("id")).put("title", q.getString("title"))
      .put("difficulty", q.getString("difficulty")).put("topics", q.getJsonArray("topics").copy());
  }
}
