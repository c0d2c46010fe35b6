package peerprep.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One participant's view of a session's document, as much as a load client needs: the version it is at
 * and the document's length (CodeMirror change sets must cover the whole document). Each edit appends a
 * line stamped with its send time; the partner's stamped edits tell how long they took to arrive.
 */
final class CollabDoc {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String me;
  private final String clientId;
  private int version = -1;
  private long length;
  private int head;
  private boolean lost = true;
  private int pendingVersion = -1;
  private long pendingChars;

  /** A change of the document by the partner, sent at {@code sentAt}, seen here at {@code receivedAt}. */
  record Arrival(long sentAt, long receivedAt) {
    long millis() {
      return receivedAt - sentAt;
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

  /** The server is known to be at a later version than this view: ask for the missing updates first. */
  boolean behind() {
    return !lost && version < head;
  }

  /** The view cannot be trusted (not yet joined, or the lengths stopped adding up): ask for a snapshot. */
  boolean lost() {
    return lost;
  }

  static String hello() {
    return "{\"type\":\"hello\"}";
  }

  String pull() {
    return "{\"type\":\"pull\",\"version\":" + version + "}";
  }

  /** A push that appends one line stamped with {@code nowMillis}. */
  String push(long nowMillis, String words) {
    String line = words + " # " + Stamps.stamp(nowMillis);
    ObjectNode frame = JSON.createObjectNode().put("type", "push").put("version", version);
    ObjectNode update = frame.putArray("updates").addObject().put("clientID", clientId);
    ArrayNode changes = update.putArray("changes");
    changes.add(length);
    changes.addArray().add(0).add(line).add("");
    pendingVersion = version + 1;
    pendingChars = line.length() + 1L;
    return frame.toString();
  }

  /** The server took the last push and is now at {@code newVersion}. */
  void accepted(int newVersion) {
    if (newVersion == pendingVersion && version == pendingVersion - 1) {
      version = newVersion;
      length += pendingChars;
    }
    head = Math.max(head, newVersion);
    pendingVersion = -1;
  }

  /** The server refused the last push: it is at {@code headVersion}, which this view has not caught up with. */
  void conflict(int headVersion) {
    head = Math.max(head, headVersion);
    pendingVersion = -1;
  }

  /** Applies a frame from the server; returns the partner's edits it carried, with their travel times. */
  List<Arrival> absorb(String frame, long receivedAt) {
    JsonNode node = parse(frame);
    List<Arrival> arrivals = new ArrayList<>();
    switch (node.path("type").asText()) {
      case "snapshot" -> {
        version = node.path("version").asInt();
        length = node.path("doc").asText().length();
        head = Math.max(head, version);
        lost = false;
      }
      case "updates" -> {
        for (JsonNode entry : node.path("updates")) {
          int v = entry.path("v").asInt();
          head = Math.max(head, v);
          if (lost || v <= version) {
            continue;
          }
          if (v != version + 1) {
            break;
          }
          apply(entry, receivedAt, arrivals);
        }
      }
      default -> {
      }
    }
    return arrivals;
  }

  private void apply(JsonNode entry, long receivedAt, List<Arrival> arrivals) {
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
      Stamps.find(inserted.toString()).forEach(sent -> arrivals.add(new Arrival(sent, receivedAt)));
    }
  }

  static JsonNode parse(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The server sent a frame that is not JSON: " + abbreviate(frame), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
