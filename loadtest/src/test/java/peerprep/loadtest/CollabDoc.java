package peerprep.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One participant's editor client, as much as a load test needs: the version it is at, the document's
 * length (a CodeMirror change set must cover the whole document), and at most one request in flight, as
 * CodeMirror's collab extension does. Each edit appends one line stamped with its send time, so the
 * partner can time its arrival. Frames are fed in as they arrived; what they mean comes back as events.
 */
final class CollabDoc {
  static final long ANSWER_TIMEOUT_MS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String me;
  private final String clientId;
  private int version;
  private long length;
  private int head;
  private boolean lost = true;
  private Waiting waiting = Waiting.NOTHING;
  private long sentAt;
  private String sentPhase;
  private long pushedChars;
  private int pulledFrom = -1;

  private enum Waiting { NOTHING, HELLO, PUSH, PULL }

  /** What a frame meant to this client. */
  sealed interface Event permits Arrival, Answer {
  }

  /**
   * A change by the partner, sent at {@code sentAt} in {@code phase} and seen here at {@code receivedAt};
   * {@code pulled} when it came in the answer to this client's pull rather than live.
   */
  record Arrival(long sentAt, String phase, long receivedAt, boolean pulled) implements Event {
  }

  /** The answer to this client's push: {@code outcome} is accepted, conflict, or why it failed. */
  record Answer(String outcome, String phase, long sentAt, long receivedAt) implements Event {
    boolean ok() {
      return "accepted".equals(outcome) || "conflict".equals(outcome);
    }
  }

  CollabDoc(String me, String clientId) {
    this.me = me;
    this.clientId = clientId;
  }

  int version() {
    return version;
  }

  long length() {
    return length;
  }

  static String hello() {
    return "{\"type\":\"hello\"}";
  }

  /** Whether the last request was answered, so another may go out. */
  boolean idle() {
    return waiting == Waiting.NOTHING;
  }

  /** Gives up on a request unanswered for too long; a push given up on is returned as a failed answer. */
  Answer expire(long now) {
    if (waiting == Waiting.NOTHING || now - sentAt < ANSWER_TIMEOUT_MS) {
      return null;
    }
    Answer gaveUp = waiting == Waiting.PUSH ? new Answer("no answer in " + ANSWER_TIMEOUT_MS + " ms", sentPhase, sentAt, now) : null;
    waiting = Waiting.NOTHING;
    return gaveUp;
  }

  /**
   * The next request: a snapshot when the view is lost, the missing updates when it is behind, else a
   * push appending one stamped line. Call only when {@link #idle()}.
   */
  String next(long now, String phase, String words) {
    sentAt = now;
    sentPhase = phase;
    if (lost) {
      waiting = Waiting.HELLO;
      return hello();
    }
    if (version < head) {
      waiting = Waiting.PULL;
      pulledFrom = version;
      return "{\"type\":\"pull\",\"version\":" + version + "}";
    }
    waiting = Waiting.PUSH;
    String line = words + "  # " + Stamps.stamp(now, phase);
    pushedChars = line.length() + 1L;
    ObjectNode frame = JSON.createObjectNode().put("type", "push").put("version", version);
    ObjectNode update = frame.putArray("updates").addObject().put("clientID", clientId);
    ArrayNode changes = update.putArray("changes");
    changes.add(length);
    changes.addArray().add(0).add(line).add("");
    return frame.toString();
  }

  /** Applies one frame from the server. */
  List<Event> absorb(String frame, long receivedAt) {
    JsonNode node = parse(frame);
    List<Event> events = new ArrayList<>();
    switch (node.path("type").asText()) {
      case "snapshot" -> snapshot(node);
      case "updates" -> updates(node, receivedAt, events);
      case "accepted" -> answered(node, "accepted", receivedAt, events);
      case "conflict" -> answered(node, "conflict", receivedAt, events);
      case "error" -> answered(node, "error " + node.path("code").asText(), receivedAt, events);
      default -> {
      }
    }
    return events;
  }

  private void snapshot(JsonNode node) {
    version = node.path("version").asInt();
    length = node.path("doc").asText().length();
    head = Math.max(head, version);
    lost = false;
    if (waiting == Waiting.HELLO || waiting == Waiting.PULL) {
      waiting = Waiting.NOTHING;
    }
  }

  private void answered(JsonNode node, String outcome, long receivedAt, List<Event> events) {
    if (waiting != Waiting.PUSH) {
      return;
    }
    int at = node.path("version").asInt(-1);
    head = Math.max(head, at);
    if ("accepted".equals(outcome) && at == version + 1) {
      version = at;
      length += pushedChars;
    }
    waiting = Waiting.NOTHING;
    events.add(new Answer(outcome, sentPhase, sentAt, receivedAt));
  }

  private void updates(JsonNode node, long receivedAt, List<Event> events) {
    boolean pulled = waiting == Waiting.PULL && node.path("version").asInt() == pulledFrom;
    if (pulled) {
      waiting = Waiting.NOTHING;
    }
    for (JsonNode entry : node.path("updates")) {
      int v = entry.path("v").asInt();
      head = Math.max(head, v);
      if (lost || v <= version) {
        continue;
      }
      if (v != version + 1) {
        break;
      }
      apply(entry, receivedAt, pulled, events);
    }
  }

  private void apply(JsonNode entry, long receivedAt, boolean pulled, List<Event> events) {
    long covered = 0;
    long after = 0;
    StringBuilder inserted = new StringBuilder();
    for (JsonNode section : entry.path("changes")) {
      if (section.isArray()) {
        covered += section.path(0).asLong();
        for (int i = 1; i < section.size(); i++) {
          String line = section.get(i).asText();
          after += line.length() + (i > 1 ? 1 : 0);
          inserted.append(line).append('\n');
        }
      } else {
        covered += section.asLong();
        after += section.asLong();
      }
    }
    if (covered != length) {
      lost = true;
      return;
    }
    version = entry.path("v").asInt();
    length = after;
    if (!me.equals(entry.path("user").asText())) {
      Stamps.find(inserted.toString()).forEach(s -> events.add(new Arrival(s.sentAt(), s.phase(), receivedAt, pulled)));
    }
  }

  static JsonNode parse(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The server sent a frame that is not JSON: "
        + (frame.length() <= 120 ? frame : frame.substring(0, 120) + "…"), e);
    }
  }
}
