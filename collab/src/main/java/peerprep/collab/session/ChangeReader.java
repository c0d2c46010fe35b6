package peerprep.collab.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import peerprep.collab.ot.ChangeSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the change sets out of log entries and updates frames the service wrote itself, with a streaming
 * parser: each entry's {@code changes} becomes a {@link ChangeSet} and every other field is skipped, so
 * following a session's text costs no JSON tree per update. Text that is not what the service writes
 * fails with an {@link IllegalArgumentException}.
 */
public final class ChangeReader {
  private static final JsonFactory JSON = new JsonFactory();

  private ChangeReader() {
  }

  /** The changes of one log entry ({@code {"v":…,"changes":[…],…}}). */
  public static ChangeSet ofEntry(String entry) {
    try (JsonParser p = JSON.createParser(entry)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      return entry(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a log entry: " + e.getMessage(), e);
    }
  }

  /** The changes of every update of an updates frame ({@code {"type":"updates","updates":[…]}}), in order. */
  public static List<ChangeSet> ofUpdatesFrame(String frame) {
    try (JsonParser p = JSON.createParser(frame)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      List<ChangeSet> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("updates".equals(name)) {
          expect(value, JsonToken.START_ARRAY);
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(t, JsonToken.START_OBJECT);
            out.add(entry(p));
          }
        } else {
          p.skipChildren();
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("Not an updates frame: " + e.getMessage(), e);
    }
  }

  /** With the parser on an entry's opening brace: its changes; the parser is left on its closing brace. */
  private static ChangeSet entry(JsonParser p) throws IOException {
    ChangeSet changes = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if ("changes".equals(name)) {
        changes = changeSet(p);
      } else {
        p.skipChildren();
      }
    }
    if (changes == null) {
      throw new IllegalArgumentException("An update without changes");
    }
    return changes;
  }

  /** CodeMirror's ChangeSet JSON: numbers keep characters, {@code [deleted, ...lines]} replaces them. */
  private static ChangeSet changeSet(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY);
    int[] lengths = new int[8];
    String[] inserts = new String[8];
    int n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (n == lengths.length) {
        lengths = Arrays.copyOf(lengths, 2 * n);
        inserts = Arrays.copyOf(inserts, 2 * n);
      }
      if (t == JsonToken.VALUE_NUMBER_INT) {
        lengths[n++] = p.getIntValue();
        continue;
      }
      expect(t, JsonToken.START_ARRAY);
      expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
      lengths[n] = p.getIntValue();
      StringBuilder text = new StringBuilder();
      boolean first = true;
      for (JsonToken line = p.nextToken(); line != JsonToken.END_ARRAY; line = p.nextToken()) {
        expect(line, JsonToken.VALUE_STRING);
        if (!first) {
          text.append('\n');
        }
        text.append(p.getText());
        first = false;
      }
      inserts[n++] = text.toString();
    }
    return ChangeSet.of(Arrays.copyOf(lengths, n), Arrays.copyOf(inserts, n));
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new IllegalArgumentException("Expected " + expected + " but found " + actual);
    }
  }
}
