package peerprep.collab.session;

import io.vertx.core.buffer.Buffer;

/**
 * A message on a session's pub/sub channel: a one-line header {@code kind|version|count|skip} and the
 * frame to hand to sockets verbatim. {@code version} and {@code count} place an updates frame in the log;
 * {@code skip} names a connection that must not receive it (its sender). The Redis functions write the same
 * format for presence and end messages.
 */
public record Envelope(char kind, int version, int count, String skip, String frame) {
  public static final char UPDATES = 'u';
  public static final char PRESENCE = 'p';
  public static final char CURSOR = 'c';
  public static final char LANGUAGE = 'l';
  public static final char ENDED = 'e';
  public static final char RUN = 'r';

  public String encode() {
    return kind + "|" + version + "|" + count + "|" + (skip == null ? "" : skip) + "\n" + frame;
  }

  /** The envelope of a channel message as published (bytes), or null when the message is not one. */
  public static Envelope decode(Buffer message) {
    int length = message.length();
    int newline = -1;
    for (int i = 0; i < length && i < 256; i++) {
      if (message.getByte(i) == '\n') {
        newline = i;
        break;
      }
    }
    if (newline < 0) {
      return null;
    }
    Envelope header = decode(message.getString(0, newline + 1));
    return header == null ? null
      : new Envelope(header.kind, header.version, header.count, header.skip, message.getString(newline + 1, length));
  }

  /** The envelope of a channel message, or null when the message is not one. */
  public static Envelope decode(String message) {
    int newline = message.indexOf('\n');
    if (newline < 0) {
      return null;
    }
    String[] header = message.substring(0, newline).split("\\|", -1);
    if (header.length != 4 || header[0].length() != 1) {
      return null;
    }
    try {
      return new Envelope(header[0].charAt(0), Integer.parseInt(header[1]), Integer.parseInt(header[2]),
        header[3].isEmpty() ? null : header[3], message.substring(newline + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
