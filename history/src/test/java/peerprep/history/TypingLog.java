package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Random;

/**
 * A realistic edit log: two people typing a solution in small bursts, as CodeMirror's collab extension
 * sends them, with the odd typo deleted again, so the log ends in exactly the given text.
 */
final class TypingLog {
  private TypingLog() {
  }

  static JsonArray typing(String finalText, List<String> authors, long startMs, long seed) {
    Random random = new Random(seed);
    JsonArray edits = new JsonArray();
    StringBuilder doc = new StringBuilder();
    long t = startMs;
    int v = 0;
    int author = 0;
    while (doc.length() < finalText.length()) {
      t += 150 + random.nextInt(900);
      if (random.nextInt(12) == 0) {
        String typo = "xq".substring(0, 1 + random.nextInt(2));
        edits.add(edit(++v, t, authors.get(author), insertAt(doc.length(), doc.length(), typo)));
        t += 120 + random.nextInt(300);
        edits.add(edit(++v, t, authors.get(author), deleteAt(doc.length(), typo.length())));
      }
      int chunk = Math.min(finalText.length() - doc.length(), 1 + random.nextInt(4));
      String typed = finalText.substring(doc.length(), doc.length() + chunk);
      edits.add(edit(++v, t, authors.get(author), insertAt(doc.length(), doc.length(), typed)));
      doc.append(typed);
      if (random.nextInt(20) == 0) {
        author = 1 - author;
      }
    }
    return edits;
  }

  static JsonObject edit(int v, long t, String user, JsonArray changes) {
    return new JsonObject().put("v", v).put("t", t).put("user", user).put("changes", changes);
  }

  /** Inserting text at a position of a document of the given length, as ChangeSet JSON. */
  static JsonArray insertAt(int position, int docLength, String text) {
    JsonArray changes = new JsonArray();
    if (position > 0) {
      changes.add(position);
    }
    JsonArray insert = new JsonArray().add(0);
    for (String line : text.split("\n", -1)) {
      insert.add(line);
    }
    changes.add(insert);
    if (docLength > position) {
      changes.add(docLength - position);
    }
    return changes;
  }

  /** Deleting the last {@code count} characters of a document of the given length (after the typo). */
  private static JsonArray deleteAt(int keep, int count) {
    JsonArray changes = new JsonArray();
    if (keep > 0) {
      changes.add(keep);
    }
    return changes.add(new JsonArray().add(count));
  }

  /** Applies ChangeSet JSON to a text, as a replay client does. */
  static String apply(String text, JsonArray changes) {
    StringBuilder out = new StringBuilder();
    int pos = 0;
    for (Object section : changes) {
      if (section instanceof Number n) {
        out.append(text, pos, pos + n.intValue());
        pos += n.intValue();
      } else {
        JsonArray replace = (JsonArray) section;
        pos += replace.getInteger(0);
        for (int i = 1; i < replace.size(); i++) {
          out.append(i > 1 ? "\n" : "").append(replace.getString(i));
        }
      }
    }
    if (pos != text.length()) {
      throw new AssertionError("The change set covers " + pos + " characters of a " + text.length() + "-character text");
    }
    return out.toString();
  }
}
