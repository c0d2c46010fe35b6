package peerprep.collab.ot;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeSetTest {

  private static ChangeSet parse(String json) {
    return ChangeSet.fromJson(new JsonArray(json));
  }

  @Test
  @DisplayName("A replacement keeps, replaces and keeps as CodeMirror's JSON says")
  void replaces() {
    assertThat(parse("[6,[5,\"editor\"]]").apply("hello world")).isEqualTo("hello editor");
  }

  @Test
  @DisplayName("Inserted lines are joined with line breaks")
  void insertsLines() {
    ChangeSet cs = parse("[[0,\"def f():\",\"    return 1\",\"\"],3]");
    assertThat(cs.apply("abc")).isEqualTo("def f():\n    return 1\nabc");
    assertThat(cs.insertedChars()).isEqualTo(22);
    assertThat(cs.newLength()).isEqualTo(25);
  }

  @Test
  @DisplayName("A one-element section deletes characters")
  void deletes() {
    assertThat(parse("[1,[3],1]").apply("abcde")).isEqualTo("ae");
  }

  @Test
  @DisplayName("Lengths count UTF-16 code units, so an emoji is two characters")
  void countsUtf16() {
    String doc = "a😀b";
    assertThat(doc.length()).isEqualTo(4);
    assertThat(parse("[1,[2],1]").apply(doc)).isEqualTo("ab");
    assertThat(parse("[3,[0,\"é\"],1]").apply(doc)).isEqualTo("a😀éb");
  }

  @Test
  @DisplayName("An empty document takes a change set of no sections or pure insertions")
  void emptyDocument() {
    assertThat(parse("[]").apply("")).isEmpty();
    assertThat(parse("[]").isEmpty()).isTrue();
    assertThat(parse("[[0,\"x\"]]").apply("")).isEqualTo("x");
  }

  @Test
  @DisplayName("Serializing gives back the JSON it was parsed from")
  void roundTrips() {
    for (String json : List.of("[6,[5,\"editor\"]]", "[[0,\"a\",\"\",\"b\"],4]", "[[2],3,[1,\"x\"]]", "[]", "[7]")) {
      assertThat(parse(json).toJson().encode()).isEqualTo(json);
    }
  }

  @Test
  @DisplayName("A change set of the wrong length for the document is refused with both lengths named")
  void wrongLength() {
    assertThatThrownBy(() -> parse("[3,[1,\"x\"]]").apply("abcdef"))
      .isInstanceOf(InvalidChangeException.class).hasMessageContaining("4").hasMessageContaining("6");
    assertThatThrownBy(() -> parse("[10]").apply("abc")).isInstanceOf(InvalidChangeException.class);
  }

  @Test
  @DisplayName("Malformed change sets are refused with a reason, never half applied")
  void malformed() {
    List<String> bad = List.of("[-1]", "[1.5]", "[\"3\"]", "[[]]", "[[1,2]]", "[[0,\"a\\nb\"]]", "[[0,\"a\\r\"]]",
      "[null]", "[{\"a\":1}]", "[[\"x\"]]", "[3000000000]");
    for (String json : bad) {
      assertThatThrownBy(() -> parse(json)).as(json).isInstanceOf(InvalidChangeException.class).hasMessageContaining("ection");
    }
    assertThatThrownBy(() -> ChangeSet.fromJson("[1]")).isInstanceOf(InvalidChangeException.class);
    assertThatThrownBy(() -> ChangeSet.fromJson(null)).isInstanceOf(InvalidChangeException.class);
  }

  @Test
  @DisplayName("Applying random edits matches a plain range-by-range reference")
  void matchesReference() {
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      String doc = RandomChanges.text(random, 12);
      List<RandomChanges.Edit> edits = RandomChanges.edits(random, doc, 4);
      JsonArray json = RandomChanges.json(edits, doc.length());
      ChangeSet cs = ChangeSet.fromJson(json);
      String expected = RandomChanges.applyByHand(doc, edits);
      assertThat(cs.apply(doc)).as("%s on %s", json, doc).isEqualTo(expected);
      assertThat(cs.newLength()).isEqualTo(expected.length());
      assertThat(ChangeSet.fromJson(cs.toJson())).isEqualTo(cs);
    }
  }

  @Test
  @DisplayName("Composed changes do what applying them one after the other does")
  void composes() {
    Random random = new Random(7);
    for (int round = 0; round < 2000; round++) {
      String doc = RandomChanges.text(random, 10);
      ChangeSet a = RandomChanges.change(random, doc, 3);
      String middle = a.apply(doc);
      ChangeSet b = RandomChanges.change(random, middle, 3);
      assertThat(ChangeAlgebra.compose(a, b).apply(doc)).isEqualTo(b.apply(middle));
    }
  }

  @Test
  @DisplayName("Mapping two concurrent changes over each other converges on one text")
  void mapsConverge() {
    Random random = new Random(11);
    for (int round = 0; round < 3000; round++) {
      String doc = RandomChanges.text(random, 10);
      ChangeSet a = RandomChanges.change(random, doc, 3);
      ChangeSet b = RandomChanges.change(random, doc, 3);
      String viaA = ChangeAlgebra.map(b, a, false).apply(a.apply(doc));
      String viaB = ChangeAlgebra.map(a, b, true).apply(b.apply(doc));
      assertThat(viaA).as("a=%s b=%s doc=%s", a, b, doc).isEqualTo(viaB);
    }
  }

  @Test
  @DisplayName("When both insert at one spot, the change mapped with aFirst keeps its text in front")
  void tieBreak() {
    String doc = "ab";
    ChangeSet a = parse("[1,[0,\"X\"],1]");
    ChangeSet b = parse("[1,[0,\"Y\"],1]");
    assertThat(ChangeAlgebra.map(a, b, true).apply(b.apply(doc))).isEqualTo("aXYb");
    assertThat(ChangeAlgebra.map(b, a, false).apply(a.apply(doc))).isEqualTo("aXYb");
  }
}
