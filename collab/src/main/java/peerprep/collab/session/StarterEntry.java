package peerprep.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The first entry of a session's log when it starts with the question's starter code: one change that
 * inserts the code into the empty document, in CodeMirror's ChangeSet JSON, authored by {@link #AUTHOR}.
 */
public final class StarterEntry {
  /** The author of the starter code in the log and in replays: neither participant. */
  public static final String AUTHOR = "starter-code";

  private StarterEntry() {
  }

  public static String of(String text, long atMs) {
    JsonArray insert = new JsonArray().add(0);
    for (String line : text.split("\n", -1)) {
      insert.add(line);
    }
    return new JsonObject().put("v", 1).put("t", atMs).put("user", AUTHOR).put("clientID", AUTHOR)
      .put("changes", new JsonArray().add(insert)).encode();
  }
}
