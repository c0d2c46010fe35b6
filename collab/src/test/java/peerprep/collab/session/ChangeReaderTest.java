package peerprep.collab.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import peerprep.collab.ot.ChangeSet;
import peerprep.collab.ot.RandomChanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeReaderTest {
  private static String entry(int v, JsonArray changes) {
    return new JsonObject().put("v", v).put("t", 1_767_225_600_000L).put("user", "u-" + v)
      .put("clientID", "c\"" + v).put("changes", changes).encode();
  }

  @Test
  @DisplayName("Log entries and updates frames give the change sets the JSON tree gives, lines, deletions and astral characters included")
  void sameAsTheTree() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      String doc = RandomChanges.text(random, 12);
      List<String> entries = new ArrayList<>();
      List<ChangeSet> expected = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(4); i++) {
        List<RandomChanges.Edit> edits = RandomChanges.edits(random, doc, 4);
        JsonArray json = RandomChanges.json(edits, doc.length());
        ChangeSet change = ChangeSet.fromJson(json);
        expected.add(change);
        entries.add(entry(i + 1, json));
        assertThat(ChangeReader.ofEntry(entries.get(i))).isEqualTo(change);
        doc = change.apply(doc);
      }
      String frame = "{\"type\":\"updates\",\"version\":3,\"updates\":[" + String.join(",", entries) + "]}";
      assertThat(ChangeReader.ofUpdatesFrame(frame)).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("Text that is not an entry or an updates frame the service wrote is refused, not half read")
  void refusesOtherText() {
    assertThatThrownBy(() -> ChangeReader.ofEntry("{\"v\":1}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeReader.ofEntry("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeReader.ofEntry("{\"changes\":[[\"x\"]]}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeReader.ofEntry("{\"changes\":[3,[0,\"a\"")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangeReader.ofUpdatesFrame("{\"updates\":[7]}")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ChangeReader.ofUpdatesFrame("{\"type\":\"updates\",\"version\":0,\"updates\":[]}")).isEmpty();
  }
}
