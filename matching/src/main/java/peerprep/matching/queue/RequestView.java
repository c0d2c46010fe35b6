package peerprep.matching.queue;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import peerprep.common.redis.Replies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's match request as stored in the queue: its criteria, its state and, once it is over, the final
 * frame its sockets were sent ({@code matched}, {@code timeout}, {@code error}...).
 */
public record RequestView(String requestId, RequestState state, String topic, String difficulty, String language,
                          boolean relaxed, long enqueuedAt, long relaxAt, long timeoutAt, Integer waiting,
                          Integer position, int requeues, JsonObject result, String rematchOf) {

  /** From the field/value list the queue returns; null for a nil reply. */
  static RequestView fromReply(Response reply) {
    if (reply == null) {
      return null;
    }
    Map<String, String> f = Replies.hash(reply);
    String lang = f.get("lang");
    return new RequestView(f.get("id"), RequestState.of(f.get("state")), f.get("topic"), f.get("diff"),
      lang == null || lang.isEmpty() ? null : lang, "1".equals(f.get("relaxed")),
      f.containsKey("at") ? number(f, "at") : number(f, "enq"),
      number(f, "relaxAt"), number(f, "timeoutAt"), integer(f, "waiting"), integer(f, "position"),
      f.containsKey("requeues") ? Integer.parseInt(f.get("requeues")) : 0,
      f.containsKey("result") ? Events.worded(new JsonObject(f.get("result"))) : null, f.get("rematchOf"));
  }

  private static long number(Map<String, String> f, String key) {
    return f.containsKey(key) ? Long.parseLong(f.get(key)) : 0;
  }

  private static Integer integer(Map<String, String> f, String key) {
    return f.containsKey(key) ? Integer.valueOf(f.get(key)) : null;
  }

  public boolean active() {
    return state.active();
  }

  /** The REST representation of GET /match/requests/me. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("requestId", requestId).put("state", state.wire()).put("topic", topic).put("difficulty", difficulty)
      .put("language", language).put("relaxed", relaxed).put("enqueuedAt", iso(enqueuedAt))
      .put("relaxAt", iso(relaxAt)).put("timeoutAt", iso(timeoutAt)).put("requeues", requeues);
    if (waiting != null) {
      json.put("waiting", waiting);
    }
    if (position != null) {
      json.put("position", position);
    }
    if (rematchOf != null) {
      json.put("rematchOf", rematchOf);
    }
    if (result != null && state == RequestState.MATCHED) {
      JsonObject match = result.copy();
      match.remove("type");
      match.remove("requestId");
      json.put("match", match);
    }
    if (result != null && result.getString("detail") != null) {
      json.put("detail", result.getString("detail"));
    }
    return json;
  }

  /** The frame that announces this request as waiting in its queue. */
  public JsonObject queuedFrame() {
    JsonObject frame = new JsonObject().put("type", "queued").put("requestId", requestId).put("topic", topic)
      .put("difficulty", difficulty).put("language", language).put("relaxed", relaxed)
      .put("waiting", waiting == null ? 1 : waiting).put("enqueuedAt", iso(enqueuedAt))
      .put("relaxAt", iso(relaxAt)).put("timeoutAt", iso(timeoutAt));
    if (position != null) {
      frame.put("position", position);
    }
    if (rematchOf != null) {
      frame.put("rematchOf", rematchOf);
    }
    return frame;
  }

  /**
   * The frames a socket that (re)attaches to this request is sent, to show its current state; a request
   * the user cancelled or replaced shows nothing.
   */
  public List<JsonObject> currentFrames() {
    List<JsonObject> frames = new ArrayList<>();
    switch (state) {
      case WAITING -> {
        frames.add(queuedFrame());
        if (relaxed) {
          frames.add(Events.relaxed(requestId));
        }
      }
      case MATCHING -> frames.add(Events.matching(requestId));
      case MATCHED, TIMEOUT, FAILED -> frames.add(result);
      default -> {
      }
    }
    return frames;
  }

  static String iso(long epochMs) {
    return Instant.ofEpochMilli(epochMs).toString();
  }
}
