package peerprep.question;

import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;

/** Every configuration key the question-service reads, mapped once. */
public record QuestionConfig(int port, DbSettings db, String internalToken, int imageMaxBytes, boolean bankEnabled,
                             String bankRoot, Settings settings) {
  static final int DEFAULT_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
  static final int IMAGE_MAX_BYTES_CEILING = 32 * 1024 * 1024;

  public static QuestionConfig from(Settings s) {
    int imageMax = s.integer("IMAGE_MAX_BYTES", DEFAULT_IMAGE_MAX_BYTES);
    if (imageMax < 1 || imageMax > IMAGE_MAX_BYTES_CEILING) {
      throw new ConfigException("Malformed configuration: IMAGE_MAX_BYTES must be between 1 and "
        + IMAGE_MAX_BYTES_CEILING + ", got " + imageMax);
    }
    return new QuestionConfig(s.port("PORT", 8000), DbSettings.from(s, "question_db"), s.string("SECRET_INTERNAL_TOKEN"),
      imageMax, s.bool("QUESTION_BANK_ENABLED", true), s.string("QUESTION_BANK_ROOT", "bank"), s);
  }

  /** The largest request body the router reads: an image at the cap, with room for the request's framing. */
  public long bodyLimit() {
    return imageMaxBytes + 16L * 1024;
  }

  @Override
  public String toString() {
    return "QuestionConfig[port=" + port + ", db=" + db + ", imageMaxBytes=" + imageMaxBytes
      + ", bankEnabled=" + bankEnabled + ", bankRoot=" + bankRoot + "]";
  }
}
