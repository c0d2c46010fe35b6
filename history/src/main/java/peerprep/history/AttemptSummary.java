package peerprep.history;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a user's list of attempts, seen from that user: the other participant is the partner. */
public record AttemptSummary(UUID sessionId, QuestionSummary question, Participant partner, String language,
                             OffsetDateTime startedAt, OffsetDateTime endedAt, String endReason) {

  static AttemptSummary fromRow(Row row) {
    return new AttemptSummary(row.getUUID("session_id"), QuestionSummary.fromRow(row),
      new Participant(row.getUUID("partner_id"), row.getString("partner_username"),
        row.getString("partner_display_name")), row.getString("language"),
      row.getOffsetDateTime("started_at"), row.getOffsetDateTime("ended_at"), row.getString("end_reason"));
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("sessionId", sessionId.toString())
      .put("question", question.toJson())
      .put("partner", partner.toJson())
      .put("language", language)
      .put("startedAt", startedAt.toInstant().toString())
      .put("endedAt", endedAt.toInstant().toString())
      .put("durationSeconds", Attempt.durationSeconds(startedAt, endedAt))
      .put("endReason", endReason);
  }
}
