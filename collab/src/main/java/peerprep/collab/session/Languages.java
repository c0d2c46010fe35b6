package peerprep.collab.session;

import peerprep.common.http.ApiException;
import peerprep.common.vocab.Language;

/** A session's language: one of the editor's languages of the shared vocabulary ({@link Language}). */
public final class Languages {
  private Languages() {
  }

  public static boolean valid(Object value) {
    return Language.isId(value);
  }

  /** The ids for a message, in the editor's order. */
  public static String choices() {
    return Language.choices();
  }

  public static String require(Object value) {
    if (!valid(value)) {
      throw ApiException.badRequest("The field 'language' must be one of " + choices() + ".");
    }
    return (String) value;
  }
}
