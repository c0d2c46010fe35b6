package peerprep.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.auth.Principal;
import peerprep.common.vocab.CloseCode;
import peerprep.common.ws.LoopbackPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Before a task listens, two sockets of a throwaway session exchange messages through the same code users
 * reach: the WebSocket codec, {@link ChatSocket}, the {@code send} function in Redis, pub/sub and the hub.
 * The JIT compiles those paths while nobody waits, instead of during the first minute of traffic. The
 * sockets are served on a loopback port of their own with principals made up for the run (no token, no
 * session lookup), the per-user rate is lifted for them, and every key of the session is deleted at the
 * end. A warm-up that fails or runs out of time is logged and the task starts anyway.
 */
final class LoopbackWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(LoopbackWarmup.class);
  /** The most messages each socket has in flight, as a busy client might. */
  static final int WINDOW = 32;
  private final Vertx vertx;
  private final ChatContext chat;
  private final int messages;
  private final String sessionId = UUID.randomUUID().toString();
  private final List<ChatSocket> served = new ArrayList<>();
  private final List<Principal> users = List.of(user("warm-up-a"), user("warm-up-b"));

  /** What a run did: messages acknowledged to their senders and delivered to their partners. */
  record Result(String sessionId, List<String> users, int acked, int delivered) {
  }

  private LoopbackWarmup(Vertx vertx, ChatContext chat, int messages) {
    this.vertx = vertx;
    this.chat = chat;
    this.messages = messages;
  }

  /**
   * Runs the exchange: each of the two sockets sends {@code messages} and receives its partner's.
   *
   * @param chat the task's context; its repository is used with the rate lifted, its hub as is
   */
  static Future<Result> run(Vertx vertx, ChatContext chat, int messages, long timeoutMs) {
    if (messages <= 0) {
      return Future.succeededFuture(new Result(null, List.of(), 0, 0));
    }
    ChatContext unlimited = new ChatContext(vertx, chat.config(), chat.repository().withoutRateLimit(), chat.hub(),
      chat.directory(), chat.frames());
    return new LoopbackWarmup(vertx, unlimited, messages).exchange(timeoutMs);
  }

  private static Principal user(String name) {
    return new Principal(UUID.randomUUID().toString(), name, Set.of("user"));
  }

  private Future<Result> exchange(long timeoutMs) {
    SessionInfo session = new SessionInfo(sessionId, users.stream().map(Principal::id).toList(), false);
    Talker a = new Talker(0);
    Talker b = new Talker(1);
    a.partner = b;
    b.partner = a;
    return LoopbackPair.run(vertx, (request, side) -> serve(request, session, users.get(side)), List.of(a, b), timeoutMs,
        this::finish)
      .map(v -> new Result(sessionId, users.stream().map(Principal::id).toList(), a.acked + b.acked, a.delivered + b.delivered));
  }

  private void serve(HttpServerRequest request, SessionInfo session, Principal user) {
    request.toWebSocket().onSuccess(ws -> {
      ChatSocket socket = new ChatSocket(ws, request.connection(), user, session, null, chat);
      served.add(socket);
      socket.start();
    });
  }

  /** Closes the sockets (which leave presence on the command connection), then deletes the session's keys after them. */
  private Future<Void> finish() {
    served.forEach(s -> s.close(CloseCode.GOING_AWAY, "Warm-up finished."));
    return chat.repository().forget(sessionId, users.stream().map(Principal::id).toList())
      .onFailure(e -> LOG.warn("The warm-up session's keys were not deleted: {}", e.getMessage()))
      .otherwiseEmpty();
  }

  /** One side of the exchange: sends with a window, counts its acks and the partner's messages. */
  private final class Talker implements LoopbackPair.Side {
    private final int index;
    private final Promise<Void> done = Promise.promise();
    private Talker partner;
    private WebSocket ws;
    private int sent;
    private int acked;
    private int delivered;
    private boolean live;

    Talker(int index) {
      this.index = index;
    }

    @Override
    public void connected(WebSocket socket) {
      ws = socket;
      ws.textMessageHandler(this::onFrame);
    }

    @Override
    public Future<Void> done() {
      return done.future();
    }

    private void onFrame(String frame) {
      if (frame.startsWith("{\"type\":\"ack\"")) {
        acked++;
        fill();
      } else if (frame.startsWith("{\"type\":\"message\"")) {
        delivered++;
      } else if (frame.startsWith("{\"type\":\"synced\"") && !live) {
        live = true;
        if (partner.live) {
          fill();
          partner.fill();
        }
      }
      if (acked == messages && delivered == messages) {
        done.tryComplete();
      }
    }

    private void fill() {
      while (live && partner.live && sent < messages && sent - acked < WINDOW) {
        sent++;
        ws.writeTextMessage("{\"type\":\"message\",\"text\":" + Json.encode("warm-up " + index + " " + sent)
          + ",\"clientMsgId\":\"w" + sent + "\"}");
      }
    }
  }
}
