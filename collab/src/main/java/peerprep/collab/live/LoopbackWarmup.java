package peerprep.collab.live;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.collab.CollabConfig.Limits;
import peerprep.collab.session.NewSession;
import peerprep.collab.session.Participant;
import peerprep.collab.session.PresenceRepository;
import peerprep.collab.session.SessionRepository;
import peerprep.common.ws.HeartbeatSettings;
import peerprep.common.ws.LoopbackPair;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Before a task listens, two editors of a throwaway session push edits at each other through the code
 * users reach: the WebSocket codec, {@link CollabSocket}, the task's copy of the text, the {@code push}
 * function in Redis, pub/sub, the hub and the update streams, conflicts included. The JIT compiles those
 * paths while nobody waits. The editors are served on a loopback port of their own as participants made up
 * for the run (no token), the per-socket message rate is lifted for them, and every key of the session is
 * deleted once both have left. A warm-up that fails or runs out of time is logged and the task starts anyway.
 */
public final class LoopbackWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackWarmup.class);
  /** Updates per push, as a typist's client batches them. */
  public static final int UPDATES_PER_PUSH = 2;
  private static final String TOKEN = "ab";
  private final Vertx vertx;
  private final LiveContext live;
  private final int pushes;
  private final String sessionId = UUID.randomUUID().toString();
  private final String matchId = UUID.randomUUID().toString();
  private final List<Participant> editors = List.of(editor("warm-up-a"), editor("warm-up-b"));
  private final List<CollabSocket> served = new ArrayList<>();

  /**
   * What a run did: pushes accepted and conflicts, summed over both editors, and the version both editors
   * reached (each holds every update up to it, from its snapshot and the updates after it).
   */
  public record Result(String sessionId, String matchId, List<String> users, int accepted, int conflicts, int version) {
  }

  private LoopbackWarmup(Vertx vertx, LiveContext live, int pushes) {
    this.vertx = vertx;
    this.live = live;
    this.pushes = pushes;
  }

  /**
   * Runs the exchange: each editor makes {@code pushes} accepted pushes and receives every update of both.
   *
   * @param limits the task's limits; the run lifts the message rate and the session's edit count for itself
   */
  public static Future<Result> run(Vertx vertx, SessionRepository sessions, PresenceRepository presence, SessionHub hub,
                                   Limits limits, HeartbeatSettings heartbeat, int pushes, long timeoutMs) {
    if (pushes <= 0) {
      return Future.succeededFuture(new Result(null, null, List.of(), 0, 0, 0));
    }
    Limits lifted = new Limits(limits.maxDocChars(), limits.maxChangeChars(), limits.maxFrameBytes(), Integer.MAX_VALUE,
      limits.maxCatchup(), Integer.MAX_VALUE, Integer.MAX_VALUE);
    LiveContext live = new LiveContext(vertx, sessions, presence, hub, lifted, heartbeat);
    return new LoopbackWarmup(vertx, live, pushes).exchange(timeoutMs);
  }

  private static Participant editor(String name) {
    return new Participant(UUID.randomUUID().toString(), name);
  }

  private Future<Result> exchange(long timeoutMs) {
    NewSession session = new NewSession(matchId, editors, new JsonObject().put("id", "warm-up").put("title", "Warm-up")
      .put("difficulty", "Easy").put("topics", new JsonArray()), "python", Map.of());
    Editor a = new Editor(0);
    Editor b = new Editor(1);
    return live.sessions().create(session, sessionId, Instant.now())
      .compose(created -> LoopbackPair.run(vertx, (request, side) -> serve(request, editors.get(side)), List.of(a, b),
        timeoutMs, this::finish), e -> forget().transform(ignored -> Future.<Void>failedFuture(e)))
      .map(v -> new Result(sessionId, matchId, editors.stream().map(Participant::id).toList(), a.accepted + b.accepted,
        a.conflicts + b.conflicts, Math.min(a.version, b.version)));
  }

  private void serve(HttpServerRequest request, Participant me) {
    request.toWebSocket().onSuccess(ws -> {
      CollabSocket socket = new CollabSocket(ws, request.connection(), live, sessionId, matchId, me);
      served.add(socket);
      socket.open();
    });
  }

  /** Both editors leave (their registrations are removed), then every key of the session is deleted. */
  private Future<Void> finish() {
    return Future.join(served.stream().map(CollabSocket::shutdown).toList())
      .transform(v -> forget())
      .otherwiseEmpty();
  }

  private Future<Void> forget() {
    live.hub().documents().drop(sessionId);
    return live.sessions().forget(sessionId, matchId, editors.stream().map(Participant::id).toList())
      .onFailure(e -> LOG.warn("The warm-up session's keys were not deleted: {}", e.getMessage()));
  }

  /**
   * One editor: one push in flight, each inserting {@value #TOKEN} {@value #UPDATES_PER_PUSH} times at the
   * start of the text; after a conflict it pushes again once its stream has caught up. The text only grows
   * by the token, so its length is the token's times the version.
   */
  private final class Editor implements LoopbackPair.Side {
    private final Promise<Void> done = Promise.promise();
    private final String clientId;
    private WebSocket ws;
    private int version = -1;
    private int waitFor;
    private boolean pushing;
    private int accepted;
    private int conflicts;

    Editor(int index) {
      this.clientId = "warm-up-" + index;
    }

    @Override
    public void connected(WebSocket socket) {
      ws = socket;
      ws.textMessageHandler(this::onFrame);
      ws.writeTextMessage("{\"type\":\"hello\"}");
    }

    @Override
    public Future<Void> done() {
      return done.future();
    }

    private void onFrame(String text) {
      JsonObject frame = new JsonObject(text);
      switch (frame.getString("type", "")) {
        case "snapshot" -> version = frame.getInteger("version");
        case "updates" -> {
          int from = frame.getInteger("version");
          int count = frame.getJsonArray("updates").size();
          version = Math.max(version, from + count);
        }
        case "accepted" -> {
          accepted++;
          pushing = false;
          waitFor = frame.getInteger("version");
        }
        case "conflict" -> {
          conflicts++;
          pushing = false;
          waitFor = frame.getInteger("version");
        }
        default -> {
        }
      }
      if (accepted == pushes && version >= 2 * pushes * UPDATES_PER_PUSH) {
        done.tryComplete();
      }
      push();
    }

    private void push() {
      if (pushing || version < 0 || version < waitFor || accepted >= pushes) {
        return;
      }
      JsonArray updates = new JsonArray();
      for (int i = 0; i < UPDATES_PER_PUSH; i++) {
        int length = TOKEN.length() * (version + i);
        JsonArray changes = new JsonArray().add(new JsonArray().add(0).add(TOKEN));
        if (length > 0) {
          changes.add(length);
        }
        updates.add(new JsonObject().put("clientID", clientId).put("changes", changes));
      }
      pushing = true;
      ws.writeTextMessage(new JsonObject().put("type", "push").put("version", version).put("updates", updates).encode());
    }
  }
}
