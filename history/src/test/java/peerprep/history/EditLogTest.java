package peerprep.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.common.http.ApiException;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditLogTest {
  private static final Limits LIMITS = new Limits(100_000, 20_000, 2_000, 2_000);
  private static final List<Participant> PAIR = List.of(
    new Participant(UUID.randomUUID(), "ada"), new Participant(UUID.randomUUID(), "linus"));

  /** A longer solution (about 2 800 characters), typed in bursts by two people, as in a real session. */
  private static String solution() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      code.append(Samples.CODE.replace("twoSum", "twoSum" + i).replace("seen", "seen" + i));
    }
    return code.toString();
  }

  private static JsonArray log(String text) {
    return TypingLog.typing(text, List.of(PAIR.get(0).id().toString(), PAIR.get(1).id().toString()),
      1_767_261_600_000L, 11);
  }

  @Test
  @DisplayName("A stored log decodes to exactly the posted edits, authors and times included")
  void roundTrip() {
    JsonArray posted = log(Samples.CODE);
    Buffer stored = EditLog.fromJson(posted, LIMITS).encode(PAIR);
    assertThat(EditLog.decode(stored, PAIR)).isEqualTo(posted);
  }

  @Test
  @DisplayName("A realistic log is stored at a small fraction of its JSON size")
  void compressionRatio() {
    JsonArray posted = log(solution());
    int json = posted.toBuffer().length();
    int stored = EditLog.fromJson(posted, LIMITS).encode(PAIR).length();
    double ratio = (double) json / stored;
    System.out.printf("edit log: %d edits, %d bytes of JSON, %d bytes stored (ratio %.1f:1); gzip of the JSON as posted: %d bytes%n",
      posted.size(), json, stored, ratio, Gzip.compress(posted.toBuffer()).length());
    assertThat(ratio).isGreaterThan(8.0);
  }

  @Test
  @DisplayName("An author who is not a participant is kept as given, and a deleted participant reads as null")
  void authors() {
    JsonArray posted = new JsonArray()
      .add(TypingLog.edit(1, 10, "system", TypingLog.insertAt(0, 0, "# start\n")))
      .add(TypingLog.edit(2, 20, PAIR.get(1).id().toString(), TypingLog.insertAt(8, 8, "x")));
    Buffer stored = EditLog.fromJson(posted, LIMITS).encode(PAIR);
    List<Participant> afterDeletion = List.of(PAIR.get(0), new Participant(null, Participant.DELETED_NAME));
    JsonArray decoded = EditLog.decode(stored, afterDeletion);
    assertThat(decoded.getJsonObject(0).getString("user")).isEqualTo("system");
    assertThat(decoded.getJsonObject(1).getValue("user")).isNull();
    assertThat(decoded.getJsonObject(1).getLong("t")).isEqualTo(20);
  }

  @Test
  @DisplayName("ChangeSet sections that are negative or hold non-text inserts are refused with the edit's path")
  void malformedChanges() {
    for (JsonArray changes : List.of(new JsonArray().add(-1), new JsonArray().add(new JsonArray().add(0).add(5)),
      new JsonArray().add(new JsonArray()), new JsonArray().add(new JsonObject()))) {
      JsonArray posted = new JsonArray().add(new JsonObject().put("v", 1).put("t", 1).put("user", "u").put("changes", changes));
      assertThatThrownBy(() -> EditLog.fromJson(posted, LIMITS))
        .isInstanceOf(ApiException.class).hasMessageContaining("'edits[0].changes'");
    }
  }
}
