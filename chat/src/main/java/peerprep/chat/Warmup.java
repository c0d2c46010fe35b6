package peerprep.chat;

import io.vertx.core.buffer.Buffer;
import peerprep.common.auth.Principal;

import java.util.Set;

/**
 * Runs the socket's frame code a few hundred times before the task reports ready, so the first users do
 * not wait on the interpreter: parsing client frames, encoding server frames, reading published events.
 */
final class Warmup {
  static final int ROUNDS = 500;

  private Warmup() {
  }

  /** Runs every round; returns how many frames were handled, which the caller may log. */
  static int run() {
    Principal ada = new Principal("00000000-0000-4000-8000-000000000000", "ada", Set.of());
    String head = ChatRepository.frameHead(ada);
    int handled = 0;
    for (int i = 0; i < ROUNDS; i++) {
      ClientFrame frame = ClientFrame.parse("{\"type\":\"message\",\"text\":\"warm-up " + i + "\",\"clientMsgId\":\"w" + i + "\"}");
      String id = (1_700_000_000_000L + i) + "-0";
      String published = "m|c|" + id + "|\"w" + i + "\"\n" + head + "\"" + ((ClientFrame.Send) frame).text() + "\",\"id\":\"" + id + "\"}";
      ChatEvent event = ChatEvent.parse(Buffer.buffer(published));
      handled += event.frame().length > 0 && event.decodedClientMsgId() != null ? 1 : 0;
      handled += new ServerFrame.Ack("w" + i, id).encode().isEmpty() ? 0 : 1;
      handled += new ServerFrame.Presence(ada.id(), ada.username(), i % 2 == 0).encode().isEmpty() ? 0 : 1;
    }
    return handled;
  }
}
