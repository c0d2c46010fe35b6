package peerprep.collab.ot;

import io.vertx.core.json.JsonArray;
import peerprep.common.vocab.ChangeSetJson;
import peerprep.common.vocab.MalformedChangeSetException;

import java.util.Arrays;

/**
 * A document change in the JSON form of CodeMirror 6's {@code ChangeSet.toJSON()}: an array whose items
 * are either a number (keep that many characters) or an array {@code [deleted, ...insertedLines]}
 * (replace {@code deleted} characters by the lines joined with "\n"). Lengths count UTF-16 code units,
 * as JavaScript and Java strings both do. A change set covers its whole document exactly.
 */
public final class ChangeSet {
  private final int[] lengths;
  private final String[] inserts;

  private ChangeSet(int[] lengths, String[] inserts) {
    this.lengths = lengths;
    this.inserts = inserts;
  }

  /**
   * A change set from sections: {@code inserts[i] == null} keeps {@code lengths[i]} characters, otherwise
   * they are replaced by {@code inserts[i]}.
   */
  public static ChangeSet of(int[] lengths, String[] inserts) {
    if (lengths.length != inserts.length) {
      throw new IllegalArgumentException("Every section needs a length and an insert slot");
    }
    for (int len : lengths) {
      if (len < 0) {
        throw new IllegalArgumentException("Section lengths cannot be negative");
      }
    }
    return new ChangeSet(lengths.clone(), inserts.clone());
  }

  /** Parses CodeMirror's JSON form (read by the shared {@link ChangeSetJson}); the failure says what is wrong. */
  public static ChangeSet fromJson(Object json) {
    try {
      ChangeSetJson.Sections sections = ChangeSetJson.read(json);
      return new ChangeSet(sections.lengths(), sections.inserts());
    } catch (MalformedChangeSetException e) {
      throw new InvalidChangeException(e.getMessage());
    }
  }

  /** The length of the document this change applies to. */
  public long length() {
    long total = 0;
    for (int len : lengths) {
      total += len;
    }
    return total;
  }

  /** The length of the document after the change. */
  public long newLength() {
    long total = 0;
    for (int i = 0; i < lengths.length; i++) {
      total += inserts[i] == null ? lengths[i] : inserts[i].length();
    }
    return total;
  }

  /** How many characters the change inserts. */
  public long insertedChars() {
    long total = 0;
    for (String insert : inserts) {
      total += insert == null ? 0 : insert.length();
    }
    return total;
  }

  /** The changed document; the change must cover exactly {@code doc}. */
  public String apply(String doc) {
    if (length() != doc.length()) {
      throw new InvalidChangeException("The change set covers " + length() + " characters but the document has "
        + doc.length() + ".");
    }
    StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE, newLength()));
    int pos = 0;
    for (int i = 0; i < lengths.length; i++) {
      if (inserts[i] == null) {
        out.append(doc, pos, pos + lengths[i]);
      } else {
        out.append(inserts[i]);
      }
      pos += lengths[i];
    }
    return out.toString();
  }

  /** CodeMirror's JSON form of this change set. */
  public JsonArray toJson() {
    return ChangeSetJson.write(new ChangeSetJson.Sections(lengths, inserts));
  }


  public int sections() {
    return lengths.length;
  }

  public int sectionLength(int i) {
    return lengths[i];
  }

  /** The replacement text of section {@code i}, or null when the section keeps its characters. */
  public String sectionInsert(int i) {
    return inserts[i];
  }

  /** True when applying the change leaves every document as it was. */
  public boolean isEmpty() {
    for (int i = 0; i < lengths.length; i++) {
      if (inserts[i] != null && (lengths[i] > 0 || !inserts[i].isEmpty())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChangeSet other && Arrays.equals(lengths, other.lengths) && Arrays.equals(inserts, other.inserts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lengths) + Arrays.hashCode(inserts);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
