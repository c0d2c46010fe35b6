package peerprep.collab.live;

import peerprep.collab.ot.ChangeSet;
import peerprep.collab.session.ChangeReader;
import peerprep.collab.session.Envelope;
import peerprep.collab.session.Texts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The current text and version of every session this task serves, kept in memory so a push is checked
 * and applied here and sent to Redis as the change alone. Redis stays the authority: its push function
 * accepts a change only on the version it holds. A copy follows the updates the task hears on the
 * session's channel; one that missed some is dropped and read again when next needed.
 */
final class Documents {
  private final Map<String, Document> bySession = new HashMap<>();

  /** The text and version of a session at one moment. */
  record Document(int version, String text) {
  }

  /** The copy of {@code sessionId}, or null when the task holds none. */
  Document get(String sessionId) {
    return bySession.get(sessionId);
  }

  /** Keeps {@code version} of the text unless the task already holds that version or a newer one. */
  void offer(String sessionId, int version, String text) {
    Document held = bySession.get(sessionId);
    if (held == null || held.version() < version) {
      bySession.put(sessionId, new Document(version, text));
    }
  }

  /** Follows the changes of the versions after {@code from}; a copy they do not continue is dropped. */
  void follow(String sessionId, int from, List<ChangeSet> entries) {
    Document held = bySession.get(sessionId);
    if (held == null || from + entries.size() <= held.version()) {
      return;
    }
    if (from != held.version()) {
      bySession.remove(sessionId);
      return;
    }
    try {
      bySession.put(sessionId, new Document(from + entries.size(), Texts.applyChanges(held.text(), entries)));
    } catch (RuntimeException e) {
      bySession.remove(sessionId);
    }
  }

  /** Follows an updates envelope heard on the session's channel. */
  void follow(String sessionId, Envelope updates) {
    Document held = bySession.get(sessionId);
    if (held != null && updates.version() + updates.count() > held.version()) {
      follow(sessionId, updates.version(), ChangeReader.ofUpdatesFrame(updates.frame()));
    }
  }

  /** Forgets the session (its last socket on this task left). */
  void drop(String sessionId) {
    bySession.remove(sessionId);
  }
}
