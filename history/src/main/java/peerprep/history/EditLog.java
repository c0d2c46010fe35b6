package peerprep.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.ChangeSetJson;
import peerprep.common.vocab.MalformedChangeSetException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The ordered log of accepted changes of a session. It is stored as one gzip-compressed JSON array of
 * rows {@code [v, t - previous t, author, changes]}, where the author is the participant's position
 * (0 or 1) rather than their id: the rows then carry no identity of their own, and a deleted account
 * disappears from every replay with its participant row.
 */
public record EditLog(List<Edit> edits) {

  /** One accepted change: the version it produced, when (epoch ms), by whom, as CodeMirror ChangeSet JSON. */
  public record Edit(long v, long t, String user, JsonArray changes) {
  }

  static EditLog fromJson(JsonArray array, Limits limits) {
    limits.checkEdits(array.size());
    List<Edit> edits = new ArrayList<>(array.size());
    long lastVersion = -1;
    for (int i = 0; i < array.size(); i++) {
      Fields e = Fields.item(array, i, "edits");
      long v = e.wholeNumber("v");
      if (v <= lastVersion) {
        throw ApiException.badRequest("The edits must be in order of version: edits[" + i + "].v is " + v
          + " after " + lastVersion + ".");
      }
      lastVersion = v;
      JsonArray changes = e.array("changes");
      checkChangeSet(changes, e.name("changes"));
      edits.add(new Edit(v, e.wholeNumber("t"), e.text("user"), changes));
    }
    return new EditLog(edits);
  }

  /** A replay client applies the changes in order, so a malformed one would break every later step. */
  private static void checkChangeSet(JsonArray changes, String field) {
    try {
      ChangeSetJson.read(changes);
    } catch (MalformedChangeSetException e) {
      throw ApiException.badRequest("The field '" + field + "' must be CodeMirror ChangeSet JSON: " + e.getMessage());
    }
  }

  int size() {
    return edits.size();
  }

  /** The compressed form kept in the database; CPU work, so callers run it off the event loop. */
  Buffer encode(List<Participant> participants) {
    JsonArray rows = new JsonArray();
    long previous = 0;
    for (Edit e : edits) {
      rows.add(new JsonArray().add(e.v()).add(e.t() - previous).add(authorRef(e.user(), participants)).add(e.changes()));
      previous = e.t();
    }
    return Gzip.compress(rows.toBuffer());
  }

  private static Object authorRef(String user, List<Participant> participants) {
    for (int i = 0; i < participants.size(); i++) {
      if (participants.get(i).id().toString().equals(user)) {
        return i;
      }
    }
    return user;
  }

  /** The edits of a stored log as the contract spells them, authors resolved against today's participants. */
  static JsonArray decode(Buffer compressed, List<Participant> participants) {
    JsonArray rows = new JsonArray(Gzip.decompress(compressed));
    JsonArray out = new JsonArray();
    long t = 0;
    for (int i = 0; i < rows.size(); i++) {
      JsonArray row = rows.getJsonArray(i);
      t += row.getLong(1);
      out.add(new JsonObject().put("v", row.getLong(0)).put("t", t)
        .put("user", resolve(row.getValue(2), participants)).put("changes", row.getJsonArray(3)));
    }
    return out;
  }

  private static String resolve(Object ref, List<Participant> participants) {
    if (ref instanceof Number n) {
      UUID id = participants.get(n.intValue()).id();
      return id == null ? null : id.toString();
    }
    return (String) ref;
  }
}
