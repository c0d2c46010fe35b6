package peerprep.collab.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.text.StorableText;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A frame from a client, checked for shape. Fields are only read through the typed accessors. */
record ClientMessage(String type, JsonObject body) {
  static final Set<String> TYPES = Set.of("hello", "push", "pull", "cursor", "language", "end", "ping");
  static final int MAX_UPDATES = 100;
  static final int MAX_CLIENT_ID = 64;
  static final int MAX_SELECTION_CHARS = 4096;

  /** A frame that breaks the protocol itself; the socket is closed with 4400. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** A known message with bad fields; answered with an error frame, the socket stays open. */
  static final class BadMessage extends RuntimeException {
    BadMessage(String message) {
      super(message, null, false, false);
    }
  }

  /** Text that PostgreSQL could not store (a NUL, an unpaired surrogate); answered with an error frame. */
  static final class Unstorable extends RuntimeException {
    Unstorable(String message) {
      super(message, null, false, false);
    }
  }

  static ClientMessage parse(String text) {
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new Malformed("Frames must be JSON");
    }
    if (!(value instanceof JsonObject body)) {
      throw new Malformed("Frames must be JSON objects");
    }
    if (!(body.getValue("type") instanceof String type) || !TYPES.contains(type)) {
      throw new Malformed("Unknown or missing message type");
    }
    return new ClientMessage(type, body);
  }

  /** The version field; null when absent and {@code optional}. */
  Integer version(boolean optional) {
    Object v = body.getValue("version");
    if (v == null && optional) {
      return null;
    }
    if (!(v instanceof Integer n) || n < 0) {
      throw new BadMessage("'version' must be a whole number of at least 0.");
    }
    return n;
  }

  List<Update> updates() {
    if (!(body.getValue("updates") instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_UPDATES) {
      throw new BadMessage("'updates' must be an array of 1 to " + MAX_UPDATES + " updates.");
    }
    List<Update> out = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject u) || !(u.getValue("clientID") instanceof String clientId)
        || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID) {
        throw new BadMessage("Every update needs a 'clientID' of 1 to " + MAX_CLIENT_ID + " characters.");
      }
      if (!(u.getValue("changes") instanceof JsonArray changes)) {
        throw new BadMessage("Every update needs 'changes' in CodeMirror's ChangeSet JSON (an array).");
      }
      String unstorable = StorableText.findInJson(changes, "changes");
      if (unstorable != null) {
        throw new Unstorable(unstorable + " The push was not applied; remove the character and push again.");
      }
      out.add(new Update(clientId, changes));
    }
    return out;
  }

  JsonObject selection() {
    if (!(body.getValue("selection") instanceof JsonObject selection) || selection.encode().length() > MAX_SELECTION_CHARS) {
      throw new BadMessage("'selection' must be an object of at most " + MAX_SELECTION_CHARS + " characters as JSON.");
    }
    return selection;
  }

  Object language() {
    return body.getValue("language");
  }

  record Update(String clientId, JsonArray changes) {
  }
}
