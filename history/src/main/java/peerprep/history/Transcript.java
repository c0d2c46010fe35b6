package peerprep.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The chat of a session as the chat service puts it: messages {id, user, username, text, at} in order. */
public record Transcript(UUID sessionId, JsonArray messages) {

  static Transcript fromJson(UUID sessionId, JsonObject body, Limits limits) {
    JsonArray given = Fields.of(body).array("messages");
    limits.checkMessages(given.size());
    JsonArray messages = new JsonArray();
    for (int i = 0; i < given.size(); i++) {
      Fields m = Fields.item(given, i, "messages");
      String text = m.string("text");
      limits.checkMessageText(i, text);
      messages.add(new JsonObject()
        .put("id", m.text("id"))
        .put("user", m.uuid("user").toString())
        .put("username", m.text("username"))
        .put("text", text)
        .put("at", m.timestamp("at").toInstant().toString()));
    }
    return new Transcript(sessionId, messages);
  }

  Set<UUID> authors() {
    Set<UUID> out = new LinkedHashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      out.add(UUID.fromString(messages.getJsonObject(i).getString("user")));
    }
    return out;
  }

  /** The same messages with every author in {@code deleted} shown as a deleted user. */
  Transcript without(Set<UUID> deleted) {
    if (deleted.isEmpty()) {
      return this;
    }
    Set<String> ids = new LinkedHashSet<>();
    deleted.forEach(id -> ids.add(id.toString()));
    JsonArray out = new JsonArray();
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      out.add(ids.contains(m.getString("user")) ? anonymous(m) : m);
    }
    return new Transcript(sessionId, out);
  }

  /**
   * Messages as shown with an attempt. Only participants write in a session's chat, so once one of them
   * is a deleted account, any author who is not a remaining participant is that account.
   */
  static JsonArray shownWith(JsonArray messages, List<Participant> participants) {
    if (participants.stream().noneMatch(Participant::deleted)) {
      return messages;
    }
    Set<String> live = new LinkedHashSet<>();
    participants.stream().filter(p -> !p.deleted()).forEach(p -> live.add(p.id().toString()));
    JsonArray out = new JsonArray();
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      out.add(live.contains(m.getString("user")) ? m : anonymous(m));
    }
    return out;
  }

  private static JsonObject anonymous(JsonObject message) {
    return message.copy().putNull("user").put("username", Participant.DELETED_NAME);
  }
}
