package peerprep.collab.live;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** A frame a client sends on a session's WebSocket, read from a {@link ClientMessage} of that type. */
sealed interface ClientFrame {
  /** Asks to be brought in sync; {@code version} is the text the client holds, or null for none. */
  record Hello(Integer version) implements ClientFrame {
  }

  /** Updates made on {@code version}. */
  record Push(int version, List<ClientMessage.Update> updates) implements ClientFrame {
  }

  /** Asks for the updates after {@code version}. */
  record Pull(int version) implements ClientFrame {
  }

  /** Where the sender's selection is. */
  record Cursor(JsonObject selection) implements ClientFrame {
  }

  /** Switches the session's language; checked against the known languages when handled. */
  record Language(Object language) implements ClientFrame {
  }

  /** Ends the session. */
  record End() implements ClientFrame {
  }

  /** Asks for a pong. */
  record Ping() implements ClientFrame {
  }

  /** The typed frame of a message whose type is known; its fields are checked here. */
  static ClientFrame of(ClientMessage m) {
    return switch (m.type()) {
      case "hello" -> new Hello(m.version(true));
      case "push" -> new Push(m.version(false), m.updates());
      case "pull" -> new Pull(m.version(false));
      case "cursor" -> new Cursor(m.selection());
      case "language" -> new Language(m.language());
      case "ping" -> new Ping();
      default -> new End();
    };
  }
}
