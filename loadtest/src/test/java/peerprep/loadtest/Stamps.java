package peerprep.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Send times written into the text a client sends, so the partner can tell how long it took to arrive. */
final class Stamps {
  private static final Pattern STAMP = Pattern.compile("sent@(\\d{13})");

  private Stamps() {
  }

  static String stamp(long epochMillis) {
    return "sent@" + epochMillis;
  }

  /** Every send time written in {@code text}, in order. */
  static List<Long> find(String text) {
    List<Long> found = new ArrayList<>();
    Matcher m = STAMP.matcher(text);
    while (m.find()) {
      found.add(Long.parseLong(m.group(1)));
    }
    return found;
  }
}
