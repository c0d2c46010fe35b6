package peerprep.collab.session;

import peerprep.collab.ot.ChangeSet;

import java.util.List;
import java.util.Map;

/**
 * A session's text from what Redis keeps: the checkpoint ({@code base} at {@code baseVersion}) with the
 * log entries after it applied. Sessions stored before checkpoints existed keep the current text in {@code doc}.
 */
public final class Texts {
  /** A push that reaches a multiple of this version stores its text as the new checkpoint. */
  public static final int CHECKPOINT_EVERY = 64;

  private Texts() {
  }

  /** Whether updates taking the text from {@code from} to {@code to} pass a checkpoint. */
  public static boolean checkpoint(int from, int to) {
    return from / CHECKPOINT_EVERY != to / CHECKPOINT_EVERY;
  }

  /** The checkpoint's version, or -1 when the hash keeps the current text in {@code doc}. */
  public static int baseVersion(Map<String, String> hash) {
    String v = hash.get("baseVersion");
    return v == null ? -1 : Integer.parseInt(v);
  }

  /** Puts the current text into {@code doc}, given the log entries after the checkpoint. */
  public static Map<String, String> withCurrentText(Map<String, String> hash, List<String> tail) {
    if (baseVersion(hash) >= 0) {
      hash.put("doc", apply(hash.getOrDefault("base", ""), tail));
    }
    return hash;
  }

  /** {@code text} with the changes of each log entry applied in order. */
  public static String apply(String text, List<String> entries) {
    String out = text;
    for (String entry : entries) {
      out = applyEntry(out, entry);
    }
    return out;
  }

  /** {@code text} with one log entry's changes applied. */
  public static String applyEntry(String text, String entry) {
    return ChangeReader.ofEntry(entry).apply(text);
  }

  /** {@code text} with each change set applied in order. */
  public static String applyChanges(String text, List<ChangeSet> changes) {
    String out = text;
    for (ChangeSet c : changes) {
      out = c.apply(out);
    }
    return out;
  }
}
