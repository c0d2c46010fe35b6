package peerprep.chat;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * An event on a session's channel, as {@code redis/chat.lua} and {@link ChatRepository#publish} write it: a
 * one-line header saying whom it concerns, then the frame's exact JSON bytes, which every socket of the
 * session receives unchanged. Headers: {@code m|<connection>|<id>|<client message id as JSON>} a stored
 * message (its sending connection gets an ack instead), {@code e|<user>} typing or presence of that user (not shown to them), {@code x|} the
 * session ended.
 *
 * @param subject the sending connection of a message, the user of an event; null for the end
 * @param id      the message id of a message; null otherwise
 * @param clientMsgId the sender's id of a message as JSON text ({@code "…"} or {@code null}); null otherwise
 */
record ChatEvent(Kind kind, String subject, String id, String clientMsgId, byte[] frame) {
  /** What the event is. */
  enum Kind { MESSAGE, ABOUT_USER, ENDED }

  /** The event in a published payload, or null when the payload has no header. */
  static ChatEvent parse(Buffer payload) {
    byte[] bytes = payload.getBytes();
    int nl = indexOf(bytes, (byte) '\n');
    if (nl < 2 || bytes[1] != '|') {
      return null;
    }
    String header = new String(bytes, 2, nl - 2, StandardCharsets.UTF_8);
    byte[] frame = java.util.Arrays.copyOfRange(bytes, nl + 1, bytes.length);
    return switch (bytes[0]) {
      case 'm' -> message(header, frame);
      case 'e' -> new ChatEvent(Kind.ABOUT_USER, header, null, null, frame);
      case 'x' -> new ChatEvent(Kind.ENDED, null, null, null, frame);
      default -> null;
    };
  }

  private static ChatEvent message(String header, byte[] frame) {
    int first = header.indexOf('|');
    int second = first < 0 ? -1 : header.indexOf('|', first + 1);
    if (second < 0) {
      return null;
    }
    return new ChatEvent(Kind.MESSAGE, header.substring(0, first), header.substring(first + 1, second),
      header.substring(second + 1), frame);
  }

  /** The payload of a typing or presence event about {@code user}. */
  static String about(String user, ServerFrame frame) {
    return "e|" + user + "\n" + frame.encode();
  }

  /** The payload announcing the session's end. */
  static String ended(ServerFrame.Ended frame) {
    return "x|\n" + frame.encode();
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
