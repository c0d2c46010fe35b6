package peerprep.history;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A finished session as the collaboration service posts it, checked whole before anything is stored.
 * {@code language} is the language of the final code; {@code runs} and {@code languageSwitches} are optional.
 */
public record NewAttempt(UUID sessionId, List<Participant> participants, QuestionSummary question, String language,
                         String code, OffsetDateTime startedAt, OffsetDateTime endedAt, String endReason,
                         EditLog edits, RunLog runs, LanguageSwitches languageSwitches) {
  static final Set<String> END_REASONS = Set.of("ended-by-participant", "abandoned");

  static NewAttempt fromJson(JsonObject body, Limits limits) {
    Fields f = Fields.of(body);
    String code = f.string("code");
    limits.checkCode(code);
    limits.checkEdits(f.array("edits").size());
    UUID sessionId = f.uuid("sessionId");
    List<Participant> participants = Participant.pairFromJson(f.array("participants"));
    QuestionSummary question = QuestionSummary.fromJson(f.object("question"));
    String language = f.text("language");
    OffsetDateTime startedAt = f.timestamp("startedAt");
    OffsetDateTime endedAt = f.timestamp("endedAt");
    if (endedAt.isBefore(startedAt)) {
      throw ApiException.badRequest("The field 'endedAt' (" + endedAt + ") is before 'startedAt' (" + startedAt + ").");
    }
    String endReason = f.text("endReason");
    if (!END_REASONS.contains(endReason)) {
      throw ApiException.badRequest("The field 'endReason' must be 'ended-by-participant' or 'abandoned', not '" + endReason + "'.");
    }
    EditLog edits = EditLog.fromJson(f.array("edits"), limits);
    return new NewAttempt(sessionId, participants, question, language, code, startedAt, endedAt, endReason, edits,
      RunLog.fromJson(body, participants), LanguageSwitches.fromJson(body, participants));
  }
}
