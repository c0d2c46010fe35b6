package peerprep.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * A participant in a session: joins the editor and the chat over their WebSockets, types (one stamped
 * line per push, one push in flight, the version tracked from the server's frames) and chats at a given
 * pace, and times pushes, acknowledgements, and the partner's edits and messages arriving.
 * While a Gatling check waits on a socket it drops the frames it does not match, so edits and messages
 * are sent without checks and every frame is read from the socket's inbox right before the next send.
 * Needs {@code sessionId}, {@code userId} and {@code token} in the Gatling session.
 */
final class Collaboration {
  static final String JOIN = "collab: join";
  static final String CHAT_JOIN = "chat: join";
  static final String END = "collab: end";
  /** Partner edits fetched with a pull after this client saw a gap: a catch-up, not a live delivery. */
  static final String RECOVERED = "collab: edit recovered by pull";
  static final Duration ANSWER = Duration.ofMillis(CollabDoc.ANSWER_TIMEOUT_MS);

  private Collaboration() {
  }

  static String push(String phase) {
    return "collab: push answered (" + phase + ")";
  }

  static String editReachesPartner(String phase) {
    return "collab: edit reaches partner (" + phase + ")";
  }

  static String chatAcknowledged(String phase) {
    return "chat: message acknowledged (" + phase + ")";
  }

  static String chatReachesPartner(String phase) {
    return "chat: message reaches partner (" + phase + ")";
  }

  static ChainBuilder join() {
    return exec(session -> session
        .set("doc", new CollabDoc(session.getString("userId"), "lt-" + session.userId()))
        .set("chatLog", new ChatLog(session.getString("userId")))
        .set("edits", 0))
      .exec(ws("collab: connect").wsName("collab").connect(session -> url(Service.COLLAB, session)))
      .exec(ws("collab: send hello").wsName("collab").sendText(session -> doc(session).next(System.currentTimeMillis(), "join", ""))
        .await(ANSWER).on(ws.checkTextMessage(JOIN).matching(jsonPath("$.type").is("snapshot")).check(bodyString().saveAs("snapshot"))))
      .exec(session -> {
        if (session.contains("snapshot")) {
          doc(session).absorb(session.getString("snapshot"), System.currentTimeMillis());
        }
        return session.remove("snapshot");
      })
      .exec(ws("chat: connect").wsName("chat").connect(session -> url(Service.CHAT, session)).await(ANSWER).on(
        ws.checkTextMessage(CHAT_JOIN).matching(jsonPath("$.type").is("synced"))));
  }

  /**
   * Edits every {@code editEvery} until {@code deadline} (epoch ms), and sends a chat message every
   * {@code chatEvery}-th edit; {@code phase} names the timings. The deadline is checked before every edit
   * (Gatling's {@code during} would evaluate a computed length again at each turn).
   */
  static ChainBuilder work(String phase, ToLongFunction<Session> deadline, Duration editEvery, int chatEvery) {
    return asLongAs(session -> System.currentTimeMillis() < deadline.applyAsLong(session)).on(
      pace(editEvery)
        .exec(session -> {
          takeEdits(session);
          return session.set("edits", session.getInt("edits") + 1);
        })
        .doIf(session -> doc(session).idle()).then(
          exec(ws("collab: send edit").wsName("collab").sendText(session -> edit(session, phase))))
        .doIf(session -> session.getInt("edits") % chatEvery == 1).then(
          exec(ws("chat: send message").wsName("chat").sendText(session -> message(session, phase)))));
  }

  /**
   * The next editor request, built after reading the inbox: Gatling empties it when the socket sends, and
   * reading it in the send's own expression leaves no moment for a frame to slip in between.
   */
  private static String edit(Session session, String phase) {
    takeEdits(session);
    return doc(session).next(System.currentTimeMillis(), phase, "x" + session.getInt("edits") + " = 1");
  }

  private static String message(Session session, String phase) {
    takeMessages(session);
    return chatLog(session).message(System.currentTimeMillis(), phase);
  }

  /** Applies what the editor socket received, recording the timings it gives. */
  static void takeEdits(Session session) {
    CollabDoc doc = doc(session);
    for (Inbox.Frame frame : Inbox.drain(session, "collab")) {
      doc.absorb(frame.text(), frame.receivedAt()).forEach(event -> record(session, event));
    }
    CollabDoc.Answer expired = doc.expire(System.currentTimeMillis());
    if (expired != null) {
      record(session, expired);
    }
  }

  private static void record(Session session, CollabDoc.Event event) {
    if (event instanceof CollabDoc.Arrival a) {
      Timings.ok(session, a.pulled() ? RECOVERED : editReachesPartner(a.phase()), a.sentAt(), a.receivedAt());
    } else if (event instanceof CollabDoc.Answer a && a.ok()) {
      if ("conflict".equals(a.outcome())) {
        Tally.CONFLICTS.incrementAndGet();
      }
      Timings.ok(session, push(a.phase()), a.sentAt(), a.receivedAt());
    } else if (event instanceof CollabDoc.Answer a) {
      Timings.ko(session, push(a.phase()), a.sentAt(), a.receivedAt(), a.outcome());
    }
  }

  /** Applies what the chat socket received, recording the timings it gives. */
  static void takeMessages(Session session) {
    ChatLog log = chatLog(session);
    List<ChatLog.Timing> timings = new ArrayList<>();
    for (Inbox.Frame frame : Inbox.drain(session, "chat")) {
      timings.addAll(log.absorb(frame.text(), frame.receivedAt()));
    }
    timings.addAll(log.expire(System.currentTimeMillis()));
    for (ChatLog.Timing t : timings) {
      String name = "acknowledged".equals(t.kind()) ? chatAcknowledged(t.phase()) : chatReachesPartner(t.phase());
      if (t.failure() == null) {
        Timings.ok(session, name, t.start(), t.end());
      } else {
        Timings.ko(session, name, t.start(), t.end(), t.failure());
      }
    }
  }

  /** Reads what is left on both sockets. */
  static ChainBuilder settle() {
    return exec(session -> {
      takeEdits(session);
      takeMessages(session);
      return session;
    });
  }

  /** Ends the session for both participants and waits for the server to say so. */
  static ChainBuilder end() {
    return exec(ws("collab: send end").wsName("collab").sendText("{\"type\":\"end\"}").await(ANSWER).on(
      ws.checkTextMessage(END).matching(jsonPath("$.type").is("ended"))));
  }

  /** Closes both sockets. */
  static ChainBuilder leave() {
    return exec(ws("chat: close").wsName("chat").close())
      .exec(ws("collab: close").wsName("collab").close());
  }

  private static String url(Service service, Session session) {
    return Targets.CURRENT.ws(service, "/sessions/" + session.getString("sessionId") + "/ws?access_token=" + session.getString("token"));
  }

  static CollabDoc doc(Session session) {
    return session.get("doc");
  }

  static ChatLog chatLog(Session session) {
    return session.get("chatLog");
  }
}
