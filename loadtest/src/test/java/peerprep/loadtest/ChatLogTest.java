package peerprep.loadtest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatLogTest {
  private static final String ME = "11111111-1111-1111-1111-111111111111";

  @Test
  @DisplayName("An acknowledgement is timed from the send of the message it names")
  void ackIsTimed() {
    ChatLog log = new ChatLog(ME);
    String frame = log.message(1_795_000_000_000L, "human");
    assertThat(frame).contains("\"clientMsgId\":\"m1\"").contains("sent@1795000000000:human");
    assertThat(log.absorb("{\"type\":\"ack\",\"clientMsgId\":\"m1\",\"id\":\"1-0\"}", 1_795_000_000_020L))
      .containsExactly(new ChatLog.Timing("acknowledged", "human", 1_795_000_000_000L, 1_795_000_000_020L, null));
  }

  @Test
  @DisplayName("A refused message is a failed timing with the server's code")
  void refusalFails() {
    ChatLog log = new ChatLog(ME);
    log.message(10, "stress");
    assertThat(log.absorb("{\"type\":\"error\",\"code\":\"rate_limited\",\"clientMsgId\":\"m1\"}", 30))
      .containsExactly(new ChatLog.Timing("acknowledged", "stress", 10, 30, "rate_limited"));
  }

  @Test
  @DisplayName("The partner's stamped message is timed; one's own echo is not")
  void partnerMessageIsTimed() {
    ChatLog log = new ChatLog(ME);
    String theirs = "{\"type\":\"message\",\"user\":\"someone-else\",\"text\":\"hi sent@1795000000000:human\"}";
    String mine = "{\"type\":\"message\",\"user\":\"" + ME + "\",\"text\":\"hi sent@1795000000000:human\"}";
    assertThat(log.absorb(theirs, 1_795_000_000_015L))
      .containsExactly(new ChatLog.Timing("arrived", "human", 1_795_000_000_000L, 1_795_000_000_015L, null));
    assertThat(log.absorb(mine, 1_795_000_000_016L)).isEmpty();
  }

  @Test
  @DisplayName("A message never acknowledged expires as a failure after the timeout")
  void unacknowledgedExpires() {
    ChatLog log = new ChatLog(ME);
    log.message(0, "human");
    assertThat(log.expire(CollabDoc.ANSWER_TIMEOUT_MS - 1)).isEmpty();
    assertThat(log.expire(CollabDoc.ANSWER_TIMEOUT_MS)).hasSize(1).allMatch(t -> t.failure() != null);
  }
}
