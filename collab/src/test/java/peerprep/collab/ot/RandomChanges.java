package peerprep.collab.ot;

import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random documents and random edits in CodeMirror's JSON form, for property tests and simulated clients. */
public final class RandomChanges {
  private static final String[] PIECES = {"a", "b", "xyz", " ", "\n", "é", "😀", "if (x) {", "}", "\t", "ü"};

  private RandomChanges() {
  }

  public static String text(Random random, int maxPieces) {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      out.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toString();
  }

  /** Sorted, non-overlapping replacements of {@code doc}, at most {@code max}, never splitting a surrogate pair. */
  public static List<Edit> edits(Random random, String doc, int max) {
    List<Integer> cuts = new ArrayList<>();
    int n = 1 + random.nextInt(max);
    for (int i = 0; i < 2 * n; i++) {
      cuts.add(boundary(doc, random.nextInt(doc.length() + 1)));
    }
    cuts.sort(Integer::compare);
    List<Edit> edits = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.size(); i += 2) {
      String insert = random.nextInt(3) == 0 ? "" : text(random, 3);
      edits.add(new Edit(cuts.get(i), cuts.get(i + 1), insert));
    }
    return edits;
  }

  private static int boundary(String doc, int pos) {
    if (pos > 0 && pos < doc.length() && Character.isLowSurrogate(doc.charAt(pos))) {
      return pos - 1;
    }
    return pos;
  }

  /** The JSON a CodeMirror client would send for these edits of a document of length {@code docLength}. */
  public static JsonArray json(List<Edit> edits, int docLength) {
    JsonArray parts = new JsonArray();
    int pos = 0;
    for (Edit e : edits) {
      if (e.from > pos) {
        parts.add(e.from - pos);
      }
      JsonArray replace = new JsonArray().add(e.to - e.from);
      if (!e.insert.isEmpty()) {
        for (String line : e.insert.split("\n", -1)) {
          replace.add(line);
        }
      }
      if (e.to > e.from || !e.insert.isEmpty()) {
        parts.add(replace);
      }
      pos = e.to;
    }
    if (pos < docLength) {
      parts.add(docLength - pos);
    }
    return parts;
  }

  /** The plain reference: replace each range, last first, so earlier positions stay valid. */
  public static String applyByHand(String doc, List<Edit> edits) {
    String out = doc;
    for (int i = edits.size() - 1; i >= 0; i--) {
      Edit e = edits.get(i);
      out = out.substring(0, e.from) + e.insert + out.substring(e.to);
    }
    return out;
  }

  public static ChangeSet change(Random random, String doc, int max) {
    return ChangeSet.fromJson(json(edits(random, doc, max), doc.length()));
  }

  public record Edit(int from, int to, String insert) {
  }
}
