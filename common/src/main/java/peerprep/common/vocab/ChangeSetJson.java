package peerprep.common.vocab;

import io.vertx.core.json.JsonArray;

import java.util.Arrays;

/**
 * Reads and writes the JSON form of CodeMirror 6's {@code ChangeSet.toJSON()}: an array whose sections are
 * either a whole number (keep that many characters) or an array {@code [deleted, ...insertedLines]}
 * (replace {@code deleted} characters by the lines joined with {@code "\n"}). Lengths count UTF-16 code
 * units, as JavaScript and Java strings both do.
 */
public final class ChangeSetJson {
  private ChangeSetJson() {
  }

  /**
   * The sections of a change set: {@code inserts[i] == null} keeps {@code lengths[i]} characters, otherwise
   * they are replaced by {@code inserts[i]}.
   */
  public record Sections(int[] lengths, String[] inserts) {
    /** Copies the arrays, so a section list never changes after it was read. */
    public Sections {
      if (lengths.length != inserts.length) {
        throw new IllegalArgumentException("Every section needs a length and an insert slot");
      }
      lengths = lengths.clone();
      inserts = inserts.clone();
    }

    /** The length of the document the change applies to. */
    public long documentLength() {
      return Arrays.stream(lengths).asLongStream().sum();
    }

    @Override
    public int[] lengths() {
      return lengths.clone();
    }

    @Override
    public String[] inserts() {
      return inserts.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sections s && Arrays.equals(lengths, s.lengths) && Arrays.equals(inserts, s.inserts);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(lengths) + Arrays.hashCode(inserts);
    }

    @Override
    public String toString() {
      return write(this).encode();
    }
  }

  /** Reads CodeMirror's JSON form; the exception's message says which section is wrong and how. */
  public static Sections read(Object json) {
    if (!(json instanceof JsonArray parts)) {
      throw new MalformedChangeSetException("A change set must be a JSON array.");
    }
    int[] lengths = new int[parts.size()];
    String[] inserts = new String[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      Object part = parts.getValue(i);
      if (part instanceof JsonArray replace) {
        if (replace.isEmpty()) {
          throw new MalformedChangeSetException("Section " + i + " of the change set is an empty array.");
        }
        lengths[i] = length(replace.getValue(0), i);
        inserts[i] = lines(replace, i);
      } else {
        lengths[i] = length(part, i);
      }
    }
    return new Sections(lengths, inserts);
  }

  /** CodeMirror's JSON form of the sections. */
  public static JsonArray write(Sections sections) {
    JsonArray parts = new JsonArray();
    for (int i = 0; i < sections.lengths.length; i++) {
      String insert = sections.inserts[i];
      if (insert == null) {
        parts.add(sections.lengths[i]);
      } else {
        JsonArray replace = new JsonArray().add(sections.lengths[i]);
        if (!insert.isEmpty()) {
          Arrays.stream(insert.split("\n", -1)).forEach(replace::add);
        }
        parts.add(replace);
      }
    }
    return parts;
  }

  private static int length(Object value, int section) {
    if (!(value instanceof Integer || value instanceof Long)) {
      throw new MalformedChangeSetException("Section " + section + " of the change set must start with a whole number.");
    }
    long n = ((Number) value).longValue();
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new MalformedChangeSetException("Section " + section + " of the change set has an out-of-range length " + n + ".");
    }
    return (int) n;
  }

  private static String lines(JsonArray replace, int section) {
    StringBuilder text = new StringBuilder();
    for (int j = 1; j < replace.size(); j++) {
      if (!(replace.getValue(j) instanceof String line)) {
        throw new MalformedChangeSetException("Inserted lines in section " + section + " must be strings.");
      }
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new MalformedChangeSetException("An inserted line in section " + section
          + " contains a line break; send lines separately.");
      }
      if (j > 1) {
        text.append('\n');
      }
      text.append(line);
    }
    return text.toString();
  }
}
