package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Auth;
import peerprep.common.discovery.Discovery;

import java.util.List;

/** Puts a session's transcript to the history service, retrying with doubling pauses; done only on a 2xx. */
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
      if (n >= config.transcriptAttempts()) {
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
      .expecting(HttpResponseExpectation.SC_SUCCESS)
      .mapEmpty();
  }
}
