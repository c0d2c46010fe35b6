package peerprep.loadtest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CollabDocTest {
  private static final String ME = "11111111-1111-1111-1111-111111111111";
  private static final String PARTNER = "22222222-2222-2222-2222-222222222222";

  private static CollabDoc joined(int version, String doc) {
    CollabDoc d = new CollabDoc(ME, "lt-1");
    d.next(0, "join", "");
    d.absorb("{\"type\":\"snapshot\",\"version\":" + version + ",\"doc\":\"" + doc + "\"}", 0);
    return d;
  }

  private static String update(int from, int v, String user, long docLength, String line) {
    return "{\"type\":\"updates\",\"version\":" + from + ",\"updates\":[{\"v\":" + v + ",\"t\":1,\"user\":\"" + user
      + "\",\"clientID\":\"x\",\"changes\":[" + docLength + ",[0,\"" + line + "\",\"\"]]}]}";
  }

  @Test
  @DisplayName("A fresh client asks for a snapshot and then pushes a change set covering the whole document")
  void pushCoversTheDocument() {
    CollabDoc doc = joined(3, "abc");
    String push = doc.next(1_795_000_000_000L, "human", "x = 1");
    assertThat(push).startsWith("{\"type\":\"push\",\"version\":3,");
    assertThat(push).contains("\"changes\":[3,[0,\"x = 1  # sent@1795000000000:human\",\"\"]]");
    assertThat(doc.idle()).isFalse();
  }

  @Test
  @DisplayName("An accepted push moves the version on and grows the document by the line and its break")
  void acceptedPushAdvances() {
    CollabDoc doc = joined(0, "");
    doc.next(1_795_000_000_000L, "human", "ab");
    List<CollabDoc.Event> events = doc.absorb("{\"type\":\"accepted\",\"version\":1}", 1_795_000_000_007L);
    assertThat(doc.version()).isEqualTo(1);
    assertThat(doc.length()).isEqualTo("ab  # sent@1795000000000:human\n".length());
    assertThat(events).containsExactly(new CollabDoc.Answer("accepted", "human", 1_795_000_000_000L, 1_795_000_000_007L));
    assertThat(doc.idle()).isTrue();
  }

  @Test
  @DisplayName("The partner's stamped edit is applied and timed from its stamp to its arrival")
  void partnerEditIsTimed() {
    CollabDoc doc = joined(2, "hi");
    List<CollabDoc.Event> events = doc.absorb(update(2, 3, PARTNER, 2, "y  # sent@1795000000100:stress"), 1_795_000_000_142L);
    assertThat(events).containsExactly(new CollabDoc.Arrival(1_795_000_000_100L, "stress", 1_795_000_000_142L, false));
    assertThat(doc.version()).isEqualTo(3);
    assertThat(doc.length()).isEqualTo(2 + "y  # sent@1795000000100:stress".length() + 1);
  }

  @Test
  @DisplayName("The echo of one's own edit is applied once and not timed as the partner's")
  void ownEchoIsNotTimed() {
    CollabDoc doc = joined(0, "");
    doc.next(1_795_000_000_000L, "human", "a");
    doc.absorb("{\"type\":\"accepted\",\"version\":1}", 5);
    long length = doc.length();
    List<CollabDoc.Event> events = doc.absorb(update(0, 1, ME, 0, "a  # sent@1795000000000:human"), 6);
    assertThat(events).isEmpty();
    assertThat(doc.version()).isEqualTo(1);
    assertThat(doc.length()).isEqualTo(length);
  }

  @Test
  @DisplayName("After a conflict and a missing update the client pulls from its own version, and what the pull brings is marked")
  void gapLeadsToPull() {
    CollabDoc doc = joined(4, "abcd");
    doc.next(0, "human", "z");
    doc.absorb("{\"type\":\"conflict\",\"version\":6}", 1);
    assertThat(doc.absorb(update(5, 6, PARTNER, 9, "late  # sent@1795000000000:human"), 2)).isEmpty();
    assertThat(doc.next(3, "human", "z")).isEqualTo("{\"type\":\"pull\",\"version\":4}");
    List<CollabDoc.Event> events = doc.absorb("{\"type\":\"updates\",\"version\":4,\"updates\":["
      + "{\"v\":5,\"user\":\"" + PARTNER + "\",\"changes\":[4,[0,\"b\"]]},"
      + "{\"v\":6,\"user\":\"" + PARTNER + "\",\"changes\":[5,[0,\"c  # sent@1795000000050:human\"]]}]}", 1_795_000_000_900L);
    assertThat(doc.version()).isEqualTo(6);
    assertThat(events).containsExactly(new CollabDoc.Arrival(1_795_000_000_050L, "human", 1_795_000_000_900L, true));
    assertThat(doc.idle()).isTrue();
  }

  @Test
  @DisplayName("A change that does not cover the known length makes the client ask for a snapshot again")
  void mismatchAsksForSnapshot() {
    CollabDoc doc = joined(1, "a");
    doc.absorb(update(1, 2, PARTNER, 7, "q"), 0);
    assertThat(doc.next(1, "human", "z")).isEqualTo(CollabDoc.hello());
  }

  @Test
  @DisplayName("A push left unanswered past the timeout comes back as a failed answer and frees the client")
  void unansweredPushExpires() {
    CollabDoc doc = joined(0, "");
    doc.next(1_000, "stress", "a");
    assertThat(doc.expire(1_000 + CollabDoc.ANSWER_TIMEOUT_MS - 1)).isNull();
    CollabDoc.Answer gaveUp = doc.expire(1_000 + CollabDoc.ANSWER_TIMEOUT_MS);
    assertThat(gaveUp.ok()).isFalse();
    assertThat(gaveUp.phase()).isEqualTo("stress");
    assertThat(doc.idle()).isTrue();
  }
}
