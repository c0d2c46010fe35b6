package peerprep.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;

import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/** Sign-up and sign-in of load users: fresh names per run, one known password, the token kept in the session. */
final class Accounts {
  /** Meets the password policy; load users are throw-away accounts of a test stack. */
  static final String PASSWORD = "Load-test-pass-1";
  static final String BEARER = "Bearer #{token}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private Accounts() {
  }

  static String nextUsername() {
    return "lt" + RUN + "-" + SEQUENCE.incrementAndGet();
  }

  static ObjectNode registration(String username) {
    return JSON.createObjectNode().put("username", username).put("email", username + "@loadtest.example.com")
      .put("password", PASSWORD);
  }

  /** Registers a new user; leaves {@code username}, {@code userId} and {@code token} in the session. */
  static ChainBuilder register() {
    return exec(session -> session.set("username", nextUsername()))
      .exec(http("user: register")
        .post(Targets.CURRENT.http(Service.USER, "/auth/register"))
        .body(StringBody(session -> registration(session.getString("username")).toString())).asJson()
        .check(status().is(201), jsonPath("$.accessToken").saveAs("token"), jsonPath("$.user.id").saveAs("userId")));
  }

  /** Signs the session's user in again, replacing its token. */
  static ChainBuilder logIn() {
    return exec(http("user: log in")
      .post(Targets.CURRENT.http(Service.USER, "/auth/login"))
      .body(StringBody(session -> JSON.createObjectNode().put("identifier", session.getString("username"))
        .put("password", PASSWORD).toString())).asJson()
      .check(status().is(200), jsonPath("$.accessToken").saveAs("token")));
  }
}
