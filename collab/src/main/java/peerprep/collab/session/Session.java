package peerprep.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session as stored in its Redis hash. {@code status} is {@code active}, {@code ending} (finalization
 * claimed, waiting for the history service) or {@code ended}; to callers {@code ending} already reads as ended.
 */
public record Session(String id, String matchId, String status, int version, String doc, String language,
                      JsonObject question, List<Participant> participants, String createdAt, String endedAt,
                      String endReason, Map<String, String> presence, JsonObject starterCode,
                      Map<String, String> displayNames, String codeLanguage) {

  public static final String ACTIVE = "active";
  public static final String ENDING = "ending";
  public static final String ENDED = "ended";
  public static final String ENDED_BY_PARTICIPANT = "ended-by-participant";
  public static final String ABANDONED = "abandoned";

  public static Session fromHash(Map<String, String> h) {
    return new Session(h.get("id"), h.get("matchId"), h.get("status"), Integer.parseInt(h.getOrDefault("version", "0")),
      h.getOrDefault("doc", ""), h.get("language"), new JsonObject(h.get("question")),
      Participant.listFromJson(new JsonArray(h.get("participants"))), h.get("createdAt"), h.get("endedAt"),
      h.get("endReason"), presence(h), new JsonObject(h.getOrDefault("starterCode", "{}")), byUser(h, "name:"),
      h.getOrDefault("codeLanguage", h.get("language")));
  }

  private static Map<String, String> presence(Map<String, String> h) {
    return byUser(h, "presence:");
  }

  private static Map<String, String> byUser(Map<String, String> h, String prefix) {
    Map<String, String> out = new HashMap<>();
    h.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  /** The participants with their presence: online, reconnecting, left or offline (never connected). */
  public JsonArray participantsWithPresence() {
    JsonArray out = new JsonArray();
    participants.forEach(p -> out.add(p.toJson().put("presence", presence.getOrDefault(p.id(), "offline"))));
    return out;
  }

  public boolean isActive() {
    return ACTIVE.equals(status);
  }

  /** The status as the API shows it: {@code active} or {@code ended}. */
  public String publicStatus() {
    return isActive() ? ACTIVE : ENDED;
  }

  public Optional<Participant> participant(String userId) {
    return participants.stream().filter(p -> p.id().equals(userId)).findFirst();
  }

  public Optional<Participant> partnerOf(String userId) {
    return participants.stream().filter(p -> !p.id().equals(userId)).findFirst();
  }

  /** The contract shape of GET /internal/sessions/{id}. */
  public JsonObject toInternalJson() {
    return new JsonObject()
      .put("sessionId", id)
      .put("participants", Participant.toJson(participants))
      .put("status", publicStatus())
      .put("question", question)
      .put("language", language);
  }

  /** A participant as the other sees them: id, username and the display name they gave the session (or null). */
  public JsonObject named(Participant p) {
    return p.toJson().put("displayName", displayNames.get(p.id()));
  }

  private JsonObject partnerJson(String userId) {
    return partnerOf(userId).map(this::named).orElse(null);
  }

  /** A participant's session in lists: what to show and where to go back to, without the text. */
  public JsonObject toSummaryJson(String userId) {
    return new JsonObject()
      .put("sessionId", id)
      .put("status", publicStatus())
      .put("question", question)
      .put("language", language)
      .put("partner", partnerJson(userId))
      .put("createdAt", createdAt);
  }

  /** What a participant sees of their own session. */
  public JsonObject toParticipantJson(String userId) {
    JsonArray named = new JsonArray();
    participants.forEach(p -> named.add(named(p)));
    JsonObject json = toInternalJson()
      .put("participants", named)
      .put("partner", partnerJson(userId))
      .put("text", doc)
      .put("version", version)
      .put("createdAt", createdAt)
      .put("starterCode", starterCode);
    if (!isActive()) {
      json.put("endedAt", endedAt).put("endReason", endReason);
    }
    return json;
  }
}
