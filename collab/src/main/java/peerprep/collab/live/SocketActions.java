package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import peerprep.collab.CollabConfig.Limits;
import peerprep.collab.live.ServerFrame.ErrorCode;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.session.ChangeReader;
import peerprep.collab.session.Envelope;
import peerprep.collab.session.Languages;
import peerprep.collab.session.Session;
import peerprep.collab.session.SessionRepository.Append;
import peerprep.collab.session.SessionRepository.Appended;
import peerprep.collab.session.SessionRepository;
import peerprep.collab.session.Texts;
import peerprep.common.vocab.CloseCode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** What a participant can ask of their session over the socket, one handler per frame type. */
final class SocketActions {
  private final CollabSocket socket;
  private final SessionRepository sessions;
  private final Documents documents;
  private final SessionHub hub;
  private final Limits limits;

  SocketActions(CollabSocket socket, LiveContext live) {
    this.socket = socket;
    this.sessions = live.sessions();
    this.hub = live.hub();
    this.documents = live.hub().documents();
    this.limits = live.limits();
  }

  Future<Void> handle(ClientMessage m) {
    if (!socket.stream().isSynced() && !"hello".equals(m.type())) {
      return refuse(ErrorCode.HELLO_FIRST, "Send {\"type\":\"hello\"} before anything else.");
    }
    ClientFrame f = ClientFrame.of(m);
    if (f instanceof ClientFrame.Hello hello) {
      return hello(hello.version());
    } else if (f instanceof ClientFrame.Push push) {
      return push(push.version(), push.updates());
    } else if (f instanceof ClientFrame.Pull pull) {
      return pull(pull.version());
    } else if (f instanceof ClientFrame.Cursor cursor) {
      return cursor(cursor.selection());
    } else if (f instanceof ClientFrame.Language language) {
      return language(language.language());
    }
    return end();
  }

  /** The session read whole, its current text kept for later pushes. */
  private Future<Session> read() {
    return sessions.find(socket.sessionId()).map(s -> {
      if (s != null && s.isActive()) {
        documents.offer(s.id(), s.version(), s.doc());
      }
      return s;
    });
  }

  /** Welcome, then exactly the updates the client missed, or the whole text when it is too far behind. */
  private Future<Void> hello(Integer known) {
    return read().compose(s -> {
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
      socket.send(new ServerFrame.Snapshot(current, s.doc()));
      socket.stream().synced(current);
      return Future.succeededFuture();
    });
  }

  private ServerFrame welcome(Session s, String mode, int version) {
    JsonObject base = new JsonObject()
      .put("sessionId", s.id())
      .put("status", s.publicStatus())
      .put("language", s.language())
      .put("question", s.question())
      .put("limits", new JsonObject().put("maxDocChars", limits.maxDocChars()).put("maxChangeChars", limits.maxChangeChars())
        .put("maxMsgsPerSec", limits.maxMsgsPerSec()).put("maxFrameBytes", limits.maxFrameBytes()));
    return new ServerFrame.Welcome(base, mode, version, s.participantsWithPresence(), socket.me());
  }

  private Future<Void> gone(Session s) {
    if (s == null) {
      socket.closeWith(CloseCode.UNKNOWN_SESSION.code(), "The session no longer exists");
    } else {
      socket.send(new ServerFrame.Ended(s.endReason(), s.endedAt(), null));
      socket.closeWith(CloseCode.ENDED.code(), "The session has ended");
    }
    return Future.succeededFuture();
  }

  private Future<Void> goneNow() {
    documents.drop(socket.sessionId());
    return sessions.find(socket.sessionId()).compose(this::gone);
  }

  /**
   * Accepted only on the current version. The task's copy of the text checks and applies the change; the
   * push function re-checks the version, so one call carrying the change decides. A client behind the
   * copy gets its conflict at once, and the updates it lacks through its stream.
   */
  private Future<Void> push(int version, List<ClientMessage.Update> updates) {
    Documents.Document doc = documents.get(socket.sessionId());
    if (doc == null || version > doc.version()) {
      return read().compose(s -> s == null || !s.isActive() ? gone(s) : pushOn(s.version(), s.doc(), version, updates));
    }
    return pushOn(doc.version(), doc.text(), version, updates);
  }

  private Future<Void> pushOn(int current, String text, int version, List<ClientMessage.Update> updates) {
    if (current != version) {
      socket.send(new ServerFrame.Conflict(current));
      return Future.succeededFuture();
    }
    String doc = text;
    List<String> entries = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (ClientMessage.Update u : updates) {
      ChangeSet change = ChangeSet.fromJson(u.changes());
      if (change.insertedChars() > limits.maxChangeChars()) {
        return refuse(ErrorCode.CHANGE_TOO_LARGE, "A change may insert at most " + limits.maxChangeChars() + " characters.");
      }
      doc = change.apply(doc);
      entries.add(entry(version + entries.size() + 1, now, u));
    }
    if (doc.length() > limits.maxDocChars()) {
      return refuse(ErrorCode.DOC_TOO_LARGE, "The document may hold at most " + limits.maxDocChars() + " characters.");
    }
    String newDoc = doc;
    String envelope = new Envelope(Envelope.UPDATES, version, entries.size(), null,
      new ServerFrame.Updates(version, entries).encode()).encode();
    return sessions.append(socket.sessionId(), new Append(version, newDoc, entries, envelope, limits.maxEdits(),
      limits.maxLogBytes(), limits.maxCatchup())).compose(result -> answer(result, newDoc));
  }

  private String entry(int v, long now, ClientMessage.Update u) {
    return new JsonObject().put("v", v).put("t", now).put("user", socket.me().id()).put("clientID", u.clientId())
      .put("changes", u.changes()).encode();
  }

  private Future<Void> answer(Appended result, String newDoc) {
    switch (result.outcome()) {
      case "ok" -> {
        documents.offer(socket.sessionId(), result.version(), newDoc);
        socket.send(new ServerFrame.Accepted(result.version()));
      }
      case "conflict" -> {
        socket.send(new ServerFrame.Conflict(result.version()));
        missed(result);
      }
      case "full" -> socket.send(new ServerFrame.ErrorFrame(ErrorCode.SESSION_FULL, "This session has reached its limit of "
        + limits.maxEdits() + " changes; end it to save the attempt."));
      default -> {
        return goneNow();
      }
    }
    return Future.succeededFuture();
  }

  /** The updates another task stored first, handed to this task's sockets before the channel brings them. */
  private void missed(Appended result) {
    if (result.missing().isEmpty()) {
      return;
    }
    int from = result.version() - result.missing().size();
    List<String> entries = result.missing();
    if (from >= 0 && entries.size() <= limits.maxCatchup()) {
      List<ChangeSet> changes = new ArrayList<>(entries.size());
      entries.forEach(e -> changes.add(ChangeReader.ofEntry(e)));
      documents.follow(socket.sessionId(), from, changes);
      hub.deliverHere(socket.sessionId(), new Envelope(Envelope.UPDATES, from, entries.size(), null,
        new ServerFrame.Updates(from, entries).encode()));
    }
  }

  private Future<Void> refuse(ErrorCode code, String message) {
    socket.send(new ServerFrame.ErrorFrame(code, message));
    return Future.succeededFuture();
  }

  /** The updates from {@code version} on, or the whole text when that is too far back. */
  private Future<Void> pull(int version) {
    Documents.Document doc = documents.get(socket.sessionId());
    if (doc != null && version <= doc.version() && doc.version() - version <= limits.maxCatchup()) {
      return socket.stream().catchUp(version);
    }
    return read().compose(s -> {
      if (s == null) {
        return gone(null);
      }
      if (version > s.version()) {
        return refuse(ErrorCode.BAD_MESSAGE, "Version " + version + " is ahead of the session (" + s.version() + ").");
      }
      if (s.version() - version > limits.maxCatchup()) {
        socket.send(new ServerFrame.Snapshot(s.version(), s.doc()));
        socket.stream().synced(s.version());
        return Future.succeededFuture();
      }
      return socket.stream().catchUp(version);
    });
  }

  private Future<Void> cursor(JsonObject selection) {
    String frame = new ServerFrame.Cursor(socket.me(), selection).encode();
    return sessions.publish(socket.sessionId(), new Envelope(Envelope.CURSOR, 0, 0, socket.connection().connectionId(), frame).encode());
  }

  private Future<Void> language(Object language) {
    if (!Languages.valid(language)) {
      return refuse(ErrorCode.BAD_MESSAGE, "'language' must be one of " + Languages.choices() + ".");
    }
    String frame = new ServerFrame.Language((String) language, socket.me()).encode();
    String envelope = new Envelope(Envelope.LANGUAGE, 0, 0, null, frame).encode();
    return sessions.language(socket.sessionId(), (String) language, socket.me().id(), envelope).compose(n -> n == 1
      ? Future.succeededFuture()
      : goneNow());
  }

  /** Either participant ends the session; everyone connected is told through the channel. */
  private Future<Void> end() {
    Instant now = Instant.now();
    String endedAt = now.truncatedTo(ChronoUnit.MILLIS).toString();
    String frame = new ServerFrame.Ended(Session.ENDED_BY_PARTICIPANT, endedAt, socket.me()).encode();
    return sessions.end(socket.sessionId(), Session.ENDED_BY_PARTICIPANT, now, new Envelope(Envelope.ENDED, 0, 0, null, frame).encode())
      .compose(n -> n == 1 ? Future.succeededFuture() : goneNow());
  }
}
