package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Auth;
import peerprep.common.discovery.Discovery;

import java.util.List;

/**
 * Puts a session's transcript to the history service, retrying with doubling pauses; done only on a 2xx.
 * A refusal (4xx) is not retried: it fails at once with {@link Refused}.
 */
final class TranscriptSender {
  private static final Logger LOG = LoggerFactory.getLogger(TranscriptSender.class);
  private static final long TIMEOUT_MS = 5_000;
  private final Vertx vertx;
  private final Discovery discovery;
  private final ChatConfig config;

  TranscriptSender(Vertx vertx, Discovery discovery, ChatConfig config) {
    this.vertx = vertx;
    this.discovery = discovery;
    this.config = config;
  }

  Future<Void> send(String sessionId, List<ChatMessage> messages) {
    JsonObject body = new JsonObject().put("messages", new JsonArray(messages.stream().map(ChatMessage::toJson).toList()));
    return attempt(sessionId, body, 1);
  }

  private Future<Void> attempt(String sessionId, JsonObject body, int n) {
    return put(sessionId, body).recover(e -> {
      if (e instanceof Refused || n >= config.transcriptAttempts()) {
        return Future.failedFuture(e);
      }
      long pause = config.transcriptBackoffMs() << Math.min(n - 1, 10);
      LOG.info("Transcript of session {} not accepted ({}); attempt {} in {} ms", sessionId, e.getMessage(), n + 1, pause);
      return vertx.timer(pause).compose(v -> attempt(sessionId, body, n + 1));
    });
  }

  private Future<Void> put(String sessionId, JsonObject body) {
    return discovery.client("history-service")
      .compose(client -> client.put("/internal/attempts/" + sessionId + "/transcript")
        .putHeader(Auth.INTERNAL_HEADER, config.internalToken())
        .timeout(TIMEOUT_MS)
        .sendJsonObject(body))
      .compose(response -> {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return Future.<Void>succeededFuture();
        }
        String detail = "history answered " + status + ": " + response.bodyAsString();
        return Future.failedFuture(Refused.permanent(status) ? new Refused(status, detail) : new IllegalStateException(detail));
      });
  }

  /** The history service refused the transcript itself (a 4xx other than 408 or 429): sending it again cannot help. */
  static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }

    int status() {
      return status;
    }

    static boolean permanent(int status) {
      return status >= 400 && status < 500 && status != 408 && status != 429;
    }
  }
}
