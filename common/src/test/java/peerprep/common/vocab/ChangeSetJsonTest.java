package peerprep.common.vocab;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeSetJsonTest {
  @Test
  @DisplayName("Kept lengths and replacements read into sections, with inserted lines joined by line breaks")
  void reads() {
    ChangeSetJson.Sections s = ChangeSetJson.read(new JsonArray("[3,[2,\"ab\",\"c\"],[1],4]"));
    assertThat(s.lengths()).containsExactly(3, 2, 1, 4);
    assertThat(s.inserts()).containsExactly(null, "ab\nc", "", null);
    assertThat(s.documentLength()).isEqualTo(10);
  }

  @Test
  @DisplayName("Writing the sections gives back CodeMirror's JSON they were read from")
  void roundTrips() {
    JsonArray json = new JsonArray("[0,[0,\"def f():\",\"  pass\"],[5],7]");
    assertThat(ChangeSetJson.write(ChangeSetJson.read(json))).isEqualTo(json);
    assertThat(ChangeSetJson.read(json)).isEqualTo(ChangeSetJson.read(json.copy()));
  }

  @Test
  @DisplayName("Sections handed out are copies, so a reader cannot change a change set")
  void immutable() {
    ChangeSetJson.Sections s = ChangeSetJson.read(new JsonArray("[1,[1,\"x\"]]"));
    s.lengths()[0] = 99;
    s.inserts()[1] = "y";
    assertThat(s.toString()).isEqualTo("[1,[1,\"x\"]]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[-1]", "[1.5]", "[\"3\"]", "[[]]", "[[2,3]]", "[[2,\"a\\nb\"]]", "[4294967296]", "[true]"})
  @DisplayName("A section that is not a whole length or a replacement of lines is refused with the section's number")
  void refusesBadSections(String json) {
    assertThatThrownBy(() -> ChangeSetJson.read(new JsonArray(json)))
      .isInstanceOf(MalformedChangeSetException.class).hasMessageMatching("(?i).*section 0.*");
  }

  @Test
  @DisplayName("A value that is not an array is not a change set")
  void refusesNonArrays() {
    assertThatThrownBy(() -> ChangeSetJson.read(new JsonObject())).isInstanceOf(MalformedChangeSetException.class)
      .hasMessageContaining("JSON array");
    assertThatThrownBy(() -> ChangeSetJson.read(null)).isInstanceOf(MalformedChangeSetException.class);
  }
}
