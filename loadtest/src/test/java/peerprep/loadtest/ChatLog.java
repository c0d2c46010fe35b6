package peerprep.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One participant's chat client: the messages it sent that are not yet acknowledged, and the timings
 * its frames give: own messages acknowledged (or refused), the partner's messages arriving.
 */
final class ChatLog {
  private final String me;
  private final Map<String, Sent> unacknowledged = new HashMap<>();
  private int sequence;

  private record Sent(long at, String phase) {
  }

  /** A timing from a chat frame: {@code failure} is null when it went well. */
  record Timing(String kind, String phase, long start, long end, String failure) {
  }

  ChatLog(String me) {
    this.me = me;
  }

  /** A message stamped with its send time. */
  String message(long now, String phase) {
    String id = "m" + (++sequence);
    unacknowledged.put(id, new Sent(now, phase));
    return "{\"type\":\"message\",\"clientMsgId\":\"" + id + "\",\"text\":\"how about this? " + Stamps.stamp(now, phase) + "\"}";
  }

  List<Timing> absorb(String frame, long receivedAt) {
    List<Timing> out = new ArrayList<>();
    JsonNode node = CollabDoc.parse(frame);
    String type = node.path("type").asText();
    Sent sent = unacknowledged.remove(node.path("clientMsgId").asText(""));
    if ("ack".equals(type) && sent != null) {
      out.add(new Timing("acknowledged", sent.phase(), sent.at(), receivedAt, null));
    } else if ("error".equals(type) && sent != null) {
      out.add(new Timing("acknowledged", sent.phase(), sent.at(), receivedAt, node.path("code").asText()));
    } else if ("message".equals(type) && !me.equals(node.path("user").asText())) {
      Stamps.find(node.path("text").asText()).forEach(s -> out.add(new Timing("arrived", s.phase(), s.sentAt(), receivedAt, null)));
    }
    return out;
  }

  /** Messages unacknowledged for longer than the timeout, as failed timings. */
  List<Timing> expire(long now) {
    List<Timing> out = new ArrayList<>();
    for (Iterator<Sent> it = unacknowledged.values().iterator(); it.hasNext(); ) {
      Sent sent = it.next();
      if (now - sent.at() >= CollabDoc.ANSWER_TIMEOUT_MS) {
        out.add(new Timing("acknowledged", sent.phase(), sent.at(), now, "no answer in " + CollabDoc.ANSWER_TIMEOUT_MS + " ms"));
        it.remove();
      }
    }
    return out;
  }
}
