package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import peerprep.collab.CollabConfig.Limits;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.session.Envelope;
import peerprep.collab.session.Languages;
import peerprep.collab.session.Session;
import peerprep.collab.session.SessionRepository;
import peerprep.collab.session.SessionRepository.Append;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** What a participant can ask of their session over the socket, one handler per message type. */
final class SocketActions {
  private final CollabSocket socket;
  private final SessionRepository sessions;
  private final Limits limits;

  SocketActions(CollabSocket socket, LiveContext live) {
    this.socket = socket;
    this.sessions = live.sessions();
    this.limits = live.limits();
  }

  Future<Void> handle(ClientMessage m) {
    if (!socket.stream().isSynced() && !"hello".equals(m.type())) {
      socket.send(Frames.error("hello-first", "Send {\"type\":\"hello\"} before anything else."));
      return Future.succeededFuture();
    }
    return switch (m.type()) {
      case "hello" -> hello(m.version(true));
      case "push" -> push(m.version(false), m.updates());
      case "pull" -> pull(m.version(false));
      case "cursor" -> cursor(m.selection());
      case "language" -> language(m.language());
      default -> end();
    };
  }

  /** Welcome, then exactly the updates the client missed, or the whole text when it is too far behind. */
  private Future<Void> hello(Integer known) {
    return sessions.find(socket.sessionId()).compose(s -> {
      if (s == null || !s.isActive()) {
        return gone(s);
      }
      int current = s.version();
      if (known != null && known == current) {
        socket.welcome(welcome(s, "current", current));
        socket.stream().synced(current);
        return Future.succeededFuture();
      }
      if (known != null && known < current && current - known <= limits.maxCatchup()) {
        socket.welcome(welcome(s, "catch-up", known));
        return socket.stream().catchUp(known);
      }
      socket.welcome(welcome(s, "snapshot", current));
      socket.send(Frames.snapshot(current, s.doc()));
      socket.stream().synced(current);
      return Future.succeededFuture();
    });
  }

  private String welcome(Session s, String mode, int version) {
    JsonObject base = new JsonObject()
      .put("sessionId", s.id())
      .put("status", s.publicStatus())
      .put("language", s.language())
      .put("question", s.question())
      .put("limits", new JsonObject().put("maxDocChars", limits.maxDocChars()).put("maxChangeChars", limits.maxChangeChars())
        .put("maxMsgsPerSec", limits.maxMsgsPerSec()).put("maxFrameBytes", limits.maxFrameBytes()));
    return Frames.welcome(base, mode, version, s.participantsWithPresence(), socket.me());
  }

  private Future<Void> gone(Session s) {
    if (s == null) {
      socket.closeWith(Frames.UNKNOWN_SESSION, "The session no longer exists");
    } else {
      socket.send(Frames.ended(s.endReason(), s.endedAt(), null));
      socket.closeWith(Frames.ENDED, "The session has ended");
    }
    return Future.succeededFuture();
  }

  /** Accepted only on the current version; the text is computed here, the script re-checks the version. */
  private Future<Void> push(int version, List<ClientMessage.Update> updates) {
    return sessions.head(socket.sessionId()).compose(head -> {
      if (head == null || !Session.ACTIVE.equals(head.status())) {
        return sessions.find(socket.sessionId()).compose(this::gone);
      }
      if (head.version() != version) {
        socket.send(Frames.conflict(head.version()));
        return Future.succeededFuture();
      }
      String doc = head.doc();
      List<String> entries = new ArrayList<>();
      long now = System.currentTimeMillis();
      for (ClientMessage.Update u : updates) {
        ChangeSet change = ChangeSet.fromJson(u.changes());
        if (change.insertedChars() > limits.maxChangeChars()) {
          return refuse("change-too-large", "A change may insert at most " + limits.maxChangeChars() + " characters.");
        }
        doc = change.apply(doc);
        entries.add(entry(version + entries.size() + 1, now, u));
      }
      if (doc.length() > limits.maxDocChars()) {
        return refuse("doc-too-large", "The document may hold at most " + limits.maxDocChars() + " characters.");
      }
      String envelope = new Envelope(Envelope.UPDATES, version, entries.size(), null, Frames.updates(version, entries)).encode();
      return sessions.append(socket.sessionId(), new Append(version, doc, entries, envelope, limits.maxDocChars(),
        limits.maxEdits(), limits.maxLogBytes())).compose(this::answer);
    });
  }

  private String entry(int v, long now, ClientMessage.Update u) {
    return new JsonObject().put("v", v).put("t", now).put("user", socket.me().id()).put("clientID", u.clientId())
      .put("changes", u.changes()).encode();
  }

  private Future<Void> answer(SessionRepository.Appended result) {
    switch (result.outcome()) {
      case "ok" -> socket.send(Frames.accepted(result.version()));
      case "conflict" -> socket.send(Frames.conflict(result.version()));
      case "too-large" -> socket.send(Frames.error("doc-too-large", "The document may hold at most " + limits.maxDocChars() + " characters."));
      case "full" -> socket.send(Frames.error("session-full", "This session has reached its limit of "
        + limits.maxEdits() + " changes; end it to save the attempt."));
      default -> {
        return sessions.find(socket.sessionId()).compose(this::gone);
      }
    }
    return Future.succeededFuture();
  }

  private Future<Void> refuse(String code, String message) {
    socket.send(Frames.error(code, message));
    return Future.succeededFuture();
  }

  /** The updates from {@code version} on, or the whole text when that is too far back. */
  private Future<Void> pull(int version) {
    return sessions.head(socket.sessionId()).compose(head -> {
      if (head == null) {
        return gone(null);
      }
      if (version > head.version()) {
        return refuse("bad-message", "Version " + version + " is ahead of the session (" + head.version() + ").");
      }
      if (head.version() - version > limits.maxCatchup()) {
        socket.send(Frames.snapshot(head.version(), head.doc()));
        socket.stream().synced(head.version());
        return Future.succeededFuture();
      }
      return socket.stream().catchUp(version);
    });
  }

  private Future<Void> cursor(JsonObject selection) {
    String frame = Frames.cursor(socket.me(), selection);
    return sessions.publish(socket.sessionId(), new Envelope(Envelope.CURSOR, 0, 0, socket.connection().connectionId(), frame).encode());
  }

  private Future<Void> language(Object language) {
    if (!Languages.valid(language)) {
      return refuse("bad-message", "'language' must be one of " + String.join(", ", Languages.ALL.stream().sorted().toList()) + ".");
    }
    String envelope = new Envelope(Envelope.LANGUAGE, 0, 0, null, Frames.language((String) language, socket.me())).encode();
    return sessions.language(socket.sessionId(), (String) language, socket.me().id(), envelope).compose(n -> n == 1
      ? Future.succeededFuture()
      : sessions.find(socket.sessionId()).compose(this::gone));
  }

  /** Either participant ends the session; everyone connected is told through the channel. */
  private Future<Void> end() {
    Instant now = Instant.now();
    String endedAt = now.truncatedTo(ChronoUnit.MILLIS).toString();
    String frame = Frames.ended(Session.ENDED_BY_PARTICIPANT, endedAt, socket.me());
    return sessions.end(socket.sessionId(), Session.ENDED_BY_PARTICIPANT, now, new Envelope(Envelope.ENDED, 0, 0, null, frame).encode())
      .compose(n -> n == 1 ? Future.succeededFuture() : sessions.find(socket.sessionId()).compose(this::gone));
  }
}
