package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A stored attempt, whole: what its participants and admins see when they open it. */
public record Attempt(UUID sessionId, List<Participant> participants, QuestionSummary question, String language,
                      String code, OffsetDateTime startedAt, OffsetDateTime endedAt, String endReason,
                      int editCount, JsonArray runs, JsonArray languageSwitches, JsonArray transcript) {

  static Attempt fromRow(Row row) {
    return new Attempt(row.getUUID("session_id"), participants(row), QuestionSummary.fromRow(row),
      row.getString("language"), row.getString("code"), row.getOffsetDateTime("started_at"),
      row.getOffsetDateTime("ended_at"), row.getString("end_reason"), row.getInteger("edit_count"),
      (JsonArray) row.getJson("runs"), (JsonArray) row.getJson("language_switches"), row.getJsonArray("messages"));
  }

  /** Participants from the arrays {@code participant_ids} and {@code participant_names}, in position order. */
  static List<Participant> participants(Row row) {
    UUID[] ids = row.getArrayOfUUIDs("participant_ids");
    String[] names = row.getArrayOfStrings("participant_names");
    String[] displayNames = row.getArrayOfStrings("participant_display_names");
    List<Participant> out = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      out.add(new Participant(ids[i], names[i], displayNames[i]));
    }
    return out;
  }

  static long durationSeconds(OffsetDateTime startedAt, OffsetDateTime endedAt) {
    return Duration.between(startedAt, endedAt).toSeconds();
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("sessionId", sessionId.toString())
      .put("participants", Participant.toJson(participants))
      .put("question", question.toJson())
      .put("language", language)
      .put("code", code)
      .put("startedAt", startedAt.toInstant().toString())
      .put("endedAt", endedAt.toInstant().toString())
      .put("durationSeconds", durationSeconds(startedAt, endedAt))
      .put("endReason", endReason)
      .put("editCount", editCount)
      .put("initialLanguage", LanguageSwitches.initial(languageSwitches, language))
      .put("languageSwitches", LanguageSwitches.shownWith(languageSwitches, participants))
      .put("runs", RunLog.shownWith(runs, participants))
      .put("transcript", transcript == null ? null : Transcript.shownWith(transcript, participants));
  }
}
