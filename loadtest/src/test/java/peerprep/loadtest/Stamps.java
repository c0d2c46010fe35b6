package peerprep.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Send times written into the text a client sends, with the phase of the run they were sent in, so the
 * partner can tell how long the text took to arrive and which phase to count it in.
 */
final class Stamps {
  private static final Pattern STAMP = Pattern.compile("sent@(\\d{13}):([a-z]+)");

  record Stamp(long sentAt, String phase) {
  }

  private Stamps() {
  }

  static String stamp(long epochMillis, String phase) {
    return "sent@" + epochMillis + ":" + phase;
  }

  /** Every stamp written in {@code text}, in order. */
  static List<Stamp> find(String text) {
    List<Stamp> found = new ArrayList<>();
    Matcher m = STAMP.matcher(text);
    while (m.find()) {
      found.add(new Stamp(Long.parseLong(m.group(1)), m.group(2)));
    }
    return found;
  }
}
