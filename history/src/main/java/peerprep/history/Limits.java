package peerprep.history;

import peerprep.common.http.ApiException;

/** How much one attempt or transcript may hold; anything above is refused with a 413. */
public record Limits(int maxCodeChars, int maxEdits, int maxMessages, int maxMessageChars) {
  static final int MAX_MESSAGES = 2_000;
  static final int MAX_MESSAGE_CHARS = 2_000;
  static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  void checkCode(String code) {
    if (code.length() > maxCodeChars) {
      throw ApiException.tooLarge("The code has " + code.length() + " characters; at most " + maxCodeChars + " are kept.");
    }
  }

  void checkEdits(int count) {
    if (count > maxEdits) {
      throw ApiException.tooLarge("The edit log has " + count + " entries; at most " + maxEdits + " are kept.");
    }
  }

  void checkMessages(int count) {
    if (count > maxMessages) {
      throw ApiException.tooLarge("The transcript has " + count + " messages; at most " + maxMessages + " are kept.");
    }
  }

  void checkMessageText(int index, String text) {
    if (text.length() > maxMessageChars) {
      throw ApiException.tooLarge("Message " + index + " has " + text.length() + " characters; at most "
        + maxMessageChars + " are kept per message.");
    }
  }
}
