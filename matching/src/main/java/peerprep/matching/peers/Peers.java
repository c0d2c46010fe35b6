package peerprep.matching.peers;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import peerprep.common.auth.Auth;
import peerprep.matching.queue.Pairing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The internal APIs of the history, question and collaboration services that making a match needs. */
public final class Peers {
  public static final String QUESTION = "question-service";
  public static final String HISTORY = "history-service";
  public static final String COLLABORATION = "collaboration-service";
  private static final String STARTER_CODE = "starterCode";

  private final PeerClients clients;
  private final String internalToken;
  private final long timeoutMs;
  private final BoundedCalls historyCalls;

  public Peers(PeerClients clients, String internalToken, long timeoutMs, BoundedCalls historyCalls) {
    this.clients = clients;
    this.internalToken = internalToken;
    this.timeoutMs = timeoutMs;
    this.historyCalls = historyCalls;
  }

  /**
   * The ids of the questions any of the users attempted, in one call; at most the configured number of
   * these calls run at once, the rest wait their turn here (their timeout starts when they are sent).
   */
  public Future<List<String>> attempted(List<String> userIds) {
    JsonObject body = new JsonObject().put("userIds", new JsonArray(userIds));
    return historyCalls.submit(() -> call(HISTORY, c -> c.post("/internal/attempted-question-ids"), body)).map(res -> {
      ensure(res.statusCode() == 200, HISTORY, res);
      JsonArray ids = res.bodyAsJsonObject().getJsonArray("questionIds", new JsonArray());
      List<String> out = new ArrayList<>();
      ids.forEach(id -> out.add(String.valueOf(id)));
      return out;
    });
  }

  /** A question of the topic for the pair, as its summary {id, title, difficulty, topics} and its starterCode. */
  public Future<JsonObject> pick(String topic, String difficulty, Collection<String> excludeIds) {
    JsonObject body = new JsonObject().put("topic", topic).put("difficulty", difficulty)
      .put("excludeIds", new JsonArray(new ArrayList<>(excludeIds)));
    return call(QUESTION, c -> c.post("/internal/questions/pick"), body).map(res -> {
      if (res.statusCode() == 404 || res.statusCode() == 400) {
        throw new PeerFailure("There are no questions on '" + topic + "' to practise yet; pick another topic.", true);
      }
      ensure(res.statusCode() == 200, QUESTION, res);
      JsonObject q = res.bodyAsJsonObject().getJsonObject("question");
      ensure(q != null && q.getString("id") != null, QUESTION, res);
      return new JsonObject().put("id", q.getString("id")).put("title", q.getString("title"))
        .put("difficulty", q.getString("difficulty"))
        .put("topics", q.getJsonArray("topics", new JsonArray().add(topic)))
        .put(STARTER_CODE, q.getJsonObject(STARTER_CODE, new JsonObject()));
    });
  }

  /** The picked question as users and the match log see it: without its starter code. */
  public static JsonObject summary(JsonObject picked) {
    JsonObject out = picked.copy();
    out.remove(STARTER_CODE);
    return out;
  }

  /** Creates (or, for a retried match, finds) the collaboration session, starting with the question's starter code; its id. */
  public Future<String> createSession(Pairing p, JsonObject picked, String language) {
    JsonObject body = new JsonObject().put("matchId", p.matchId())
      .put("participants", new JsonArray()
        .add(new JsonObject().put("id", p.a().userId()).put("username", p.a().username()))
        .add(new JsonObject().put("id", p.b().userId()).put("username", p.b().username())))
      .put("question", summary(picked)).put("language", language)
      .put(STARTER_CODE, picked.getJsonObject(STARTER_CODE, new JsonObject()));
    return call(COLLABORATION, c -> c.post("/internal/sessions"), body).map(res -> {
      ensure(res.statusCode() == 200 || res.statusCode() == 201, COLLABORATION, res);
      String id = res.bodyAsJsonObject().getString("sessionId");
      ensure(id != null, COLLABORATION, res);
      return id;
    });
  }

  private Future<HttpResponse<Buffer>> call(String service, Function<WebClient, HttpRequest<Buffer>> request,
                                            JsonObject body) {
    return clients.client(service)
      .compose(client -> {
        HttpRequest<Buffer> req = request.apply(client).putHeader(Auth.INTERNAL_HEADER, internalToken)
          .timeout(timeoutMs);
        return body == null ? req.send() : req.sendJsonObject(body);
      })
      .timeout(timeoutMs, TimeUnit.MILLISECONDS)
      .recover(e -> Future.failedFuture(e instanceof PeerFailure ? e
        : new PeerFailure("The " + service + " could not be reached: " + e.getMessage(), false)));
  }

  private static void ensure(boolean ok, String service, HttpResponse<Buffer> res) {
    if (!ok) {
      throw new PeerFailure("The " + service + " answered " + res.statusCode() + ".", false);
    }
  }
}
