package peerprep.question;

import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;

/** Every configuration key the question-service reads, mapped once. */
public record QuestionConfig(int port, DbSettings db) {

  public static QuestionConfig from(Settings s) {
    
    return new QuestionConfig(s.port("PORT", 8000), DbSettings.from(s, "question_db"));
  }
}
