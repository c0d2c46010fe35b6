package peerprep.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * Asking the matching service for a partner over its WebSocket: open, send a request, wait for the final
 * frame (matched or timeout), close. Every match is checked against a {@link MatchLedger}.
 */
final class Matching {
  static final String UNIQUE = "match: partner is unique";
  static final String WAIT = "match: wait for partner";
  static final String OPEN = "match: open socket";
  private static final List<String> FINAL = List.of("matched", "timeout", "cancelled", "superseded", "error");

  private Matching() {
  }

  /** A request frame for one of {@code topics} and {@code difficulties}, chosen at random. */
  static String randomRequest(List<String> topics, List<String> difficulties) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return request(topics.get(random.nextInt(topics.size())), difficulties.get(random.nextInt(difficulties.size())));
  }

  static String request(String topic, String difficulty) {
    return "{\"type\":\"request\",\"topic\":\"" + topic + "\",\"difficulty\":\"" + difficulty + "\",\"language\":\"python\"}";
  }

  /**
   * Leaves {@code matchOutcome} ("matched" or "timeout"), and for a match {@code sessionId} and
   * {@code partnerId}, in the session. {@code request} builds the request frame from the session.
   */
  static ChainBuilder findPartner(java.util.function.Function<Session, String> request, Duration wait, MatchLedger ledger) {
    return exec(session -> session.removeAll("matchOutcome", "sessionId", "partnerId"))
      .exec(ws(OPEN).wsName("match")
        .connect(session -> Targets.CURRENT.ws(Service.MATCHING, "/match/ws?access_token=" + session.getString("token"))))
      .exec(ws("match: send request").wsName("match").sendText(request).await(wait).on(
        ws.checkTextMessage(WAIT)
          .matching(jsonPath("$.type").in(FINAL))
          .check(jsonPath("$.type").in("matched", "timeout").saveAs("matchOutcome"),
            jsonPath("$.sessionId").optional().saveAs("sessionId"),
            jsonPath("$.partner.id").optional().saveAs("partnerId"))))
      .exec(session -> record(session, ledger))
      .exec(ws("match: close").wsName("match").close());
  }

  private static Session record(Session session, MatchLedger ledger) {
    String outcome = session.getString("matchOutcome");
    long now = System.currentTimeMillis();
    if ("matched".equals(outcome)) {
      String problem = ledger.matched(session.getString("userId"), session.getString("sessionId"), session.getString("partnerId"));
      if (problem == null) {
        Timings.ok(session, UNIQUE, now, now);
      } else {
        Timings.ko(session, UNIQUE, now, now, problem);
      }
    } else if ("timeout".equals(outcome)) {
      ledger.timedOut();
    }
    return session;
  }
}
