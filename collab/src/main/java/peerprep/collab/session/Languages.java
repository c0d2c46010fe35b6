package peerprep.collab.session;

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
}
