package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.List;
import java.util.UUID;

/**
 * The language switches of a session in order: when ({@code t}, epoch ms), at which version of the code
 * ({@code v}), by whom, from which language to which. A replay shows each at its point in time; the first
 * one's {@code from} is the language the session started in. The author is stored as the participant's
 * position, as in the edit log.
 */
record LanguageSwitches(JsonArray stored) {
  static final int MAX_SWITCHES = 1_000;
  private static final int MAX_NAME_CHARS = 64;
  static final LanguageSwitches NONE = new LanguageSwitches(new JsonArray());

  /** The body's optional {@code languageSwitches}; absent or null is none. */
  static LanguageSwitches fromJson(JsonObject body, List<Participant> participants) {
    Fields f = Fields.of(body);
    if (!f.has("languageSwitches")) {
      return NONE;
    }
    JsonArray switches = f.array("languageSwitches");
    if (switches.size() > MAX_SWITCHES) {
      throw ApiException.tooLarge("The attempt has " + switches.size() + " language switches; at most " + MAX_SWITCHES + " are kept.");
    }
    JsonArray stored = new JsonArray();
    long lastT = 0;
    for (int i = 0; i < switches.size(); i++) {
      Fields s = Fields.item(switches, i, "languageSwitches");
      long t = s.wholeNumber("t");
      if (t < lastT) {
        throw ApiException.badRequest("The language switches must be in order of time: " + s.name("t") + " is before the one above.");
      }
      lastT = t;
      stored.add(new JsonObject().put("t", t).put("v", s.wholeNumber("v")).put("user", Participant.positionOf(s, "user", participants))
        .put("from", s.shortText("from", MAX_NAME_CHARS)).put("language", s.shortText("language", MAX_NAME_CHARS)));
    }
    return new LanguageSwitches(stored);
  }

  /** The switches as the API shows them, the author resolved to today's id (null once deleted). */
  static JsonArray shownWith(JsonArray stored, List<Participant> participants) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < stored.size(); i++) {
      JsonObject s = stored.getJsonObject(i).copy();
      UUID id = participants.get(s.getInteger("user")).id();
      out.add(s.put("user", id == null ? null : id.toString()));
    }
    return out;
  }

  /** The language the session started in: the first switch's {@code from}, or the attempt's language. */
  static String initial(JsonArray stored, String language) {
    return stored.isEmpty() ? language : stored.getJsonObject(0).getString("from");
  }
}
