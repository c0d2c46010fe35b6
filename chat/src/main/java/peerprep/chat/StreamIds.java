package peerprep.chat;

import peerprep.common.http.ApiException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Redis stream entry ids ({@code <ms>-<seq>}), which double as message ids: parsing, order and time. */
final class StreamIds {
  static final String ZERO = "0-0";
  private static final Pattern FORMAT = Pattern.compile("\\d{1,19}-\\d{1,19}");

  private StreamIds() {
  }

  static boolean valid(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }

  /** A message id from a client, or a 400 that says what one looks like. */
  static String parse(String id, String what) {
    if (!valid(id)) {
      throw ApiException.badRequest("The " + what + " '" + id + "' is not a message id; ids look like '1767261600123-0'.");
    }
    return id;
  }

  /** Negative, zero or positive as {@code a} is older than, the same as, or newer than {@code b}. */
  static int compare(String a, String b) {
    int dashA = a.indexOf('-');
    int dashB = b.indexOf('-');
    int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a, 0, dashA, 10), Long.parseUnsignedLong(b, 0, dashB, 10));
    if (byTime != 0) {
      return byTime;
    }
    return Long.compareUnsigned(Long.parseUnsignedLong(a, dashA + 1, a.length(), 10),
      Long.parseUnsignedLong(b, dashB + 1, b.length(), 10));
  }

  /** The server time a message was stored at, which Redis wrote into its id. */
  static Instant time(String id) {
    return Instant.ofEpochMilli(Long.parseLong(id.substring(0, id.indexOf('-'))));
  }

  /**
   * {@link #time} as the frames write it, {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, always with milliseconds
   * (the same text {@code redis/chat.lua} writes); written digit by digit, as every acknowledgement needs it.
   */
  static String at(String id) {
    Instant time = time(id);
    LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(24);
    digits(b, t.getYear(), 4).append('-');
    digits(b, t.getMonthValue(), 2).append('-');
    digits(b, t.getDayOfMonth(), 2).append('T');
    digits(b, t.getHour(), 2).append(':');
    digits(b, t.getMinute(), 2).append(':');
    digits(b, t.getSecond(), 2).append('.');
    return digits(b, time.getNano() / 1_000_000, 3).append('Z').toString();
  }

  private static StringBuilder digits(StringBuilder b, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(text);
  }
}
