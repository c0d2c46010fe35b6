package peerprep.matching.queue;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import peerprep.common.redis.Replies;

import java.util.Map;

/**
 * Two requests the queue paired, while the match is being made: {@code a} is the older request.
 * {@code phase} is {@code new} until both users are told, then {@code told} until the match is recorded.
 */
public record Pairing(String matchId, String topic, String difficulty, boolean relaxed, long pairedAt, String phase,
                      JsonObject question, MatchRecord record, Side a, Side b) {

  /** One user of the pair, as their request stood when they were paired. */
  public record Side(String requestId, String userId, String username, String difficulty, String language,
                     long enqueuedAt, int requeues) {

    static Side from(Map<String, String> f) {
      String lang = f.get("lang");
      return new Side(f.get("id"), f.get("user"), f.get("name"), f.get("diff"),
        lang == null || lang.isEmpty() ? null : lang, Long.parseLong(f.get("enq")),
        Integer.parseInt(f.getOrDefault("requeues", "0")));
    }

    long waitedMs(long at) {
      return Math.max(0, at - enqueuedAt);
    }
  }

  /**
   * From the queue's {match, request a, request b} reply; null when the match is gone. Once the users are
   * told the requests may expire, so only the match record is read then.
   */
  static Pairing fromReply(Response reply) {
    if (reply == null || reply.size() < 3) {
      return null;
    }
    Map<String, String> m = Replies.hash(reply.get(0));
    Map<String, String> a = Replies.hash(reply.get(1));
    Map<String, String> b = Replies.hash(reply.get(2));
    String question = m.get("question");
    String record = m.get("record");
    boolean sides = !a.isEmpty() && !b.isEmpty();
    if (record == null && !sides) {
      return null;
    }
    return new Pairing(m.get("id"), m.get("topic"), m.get("diff"), "1".equals(m.get("relaxed")),
      Long.parseLong(m.get("at")), m.get("phase"), question == null ? null : new JsonObject(question),
      record == null ? null : MatchRecord.fromJson(new JsonObject(record)),
      sides ? Side.from(a) : null, sides ? Side.from(b) : null);
  }

  /** The first user's language, else the second's, else python. */
  public String language() {
    if (a.language() != null) {
      return a.language();
    }
    return b.language() != null ? b.language() : "python";
  }

  public boolean told() {
    return "told".equals(phase);
  }

  /** The match log's row for this pairing, made with {@code question} in session {@code sessionId}. */
  public MatchRecord record(JsonObject question, String sessionId, long matchedAt) {
    return new MatchRecord(matchId, topic, difficulty, relaxed, a.userId(), a.username(), a.difficulty(),
      a.waitedMs(pairedAt), b.userId(), b.username(), b.difficulty(), b.waitedMs(pairedAt),
      question.getString("id"), question.getString("title"), question.getString("difficulty"), sessionId,
      language(), Math.max(a.requeues(), b.requeues()), pairedAt, matchedAt);
  }
}
