package peerprep.loadtest;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.http.action.ws.fsm.WsFsm;
import io.gatling.javaapi.core.Session;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.List;

/**
 * The text frames a named WebSocket received that no check took. Gatling empties this buffer whenever the
 * socket sends, so frames are taken out here right before each send, inside the send's own expression,
 * where no frame can arrive between the two; processUnmatchedMessages as a separate action would leave a
 * gap in which a partner's edit is dropped unseen. The socket is read from the Gatling session, where the
 * WebSocket actions keep it under its name.
 */
final class Inbox {
  private Inbox() {
  }

  record Frame(String text, long receivedAt) {
  }

  static List<Frame> drain(Session session, String wsName) {
    List<Frame> out = new ArrayList<>();
    if (session.contains(wsName) && session.get(wsName) instanceof WsFsm socket) {
      for (WsInboundMessage message : CollectionConverters.asJava(socket.collectUnmatchedInboundMessages())) {
        if (message instanceof WsInboundMessage.Text text) {
          out.add(new Frame(text.message(), text.timestamp()));
        }
      }
    }
    return out;
  }
}
