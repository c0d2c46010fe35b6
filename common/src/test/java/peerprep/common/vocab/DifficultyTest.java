package peerprep.common.vocab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DifficultyTest {
  @Test
  @DisplayName("A label in any case and with blanks around it names its difficulty")
  void findsIgnoringCase() {
    assertThat(Difficulty.find(" medium ")).contains(Difficulty.MEDIUM);
    assertThat(Difficulty.find("HARD")).contains(Difficulty.HARD);
  }

  @Test
  @DisplayName("Anything that is not a label, and null, names no difficulty")
  void refusesOthers() {
    assertThat(Difficulty.find("Impossible")).isEmpty();
    assertThat(Difficulty.find(null)).isEmpty();
    assertThatThrownBy(() -> Difficulty.fromLabel("easy")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("The labels are listed easiest first, as the contract spells them")
  void labels() {
    assertThat(Difficulty.labels()).containsExactly("Easy", "Medium", "Hard");
    assertThat(Difficulty.choices()).isEqualTo("Easy, Medium, Hard");
    assertThat(Difficulty.fromLabel("Medium")).isEqualTo(Difficulty.MEDIUM);
  }

  @Test
  @DisplayName("The nearest other difficulty comes first, and Medium leans the way the caller asks")
  void nearestFirst() {
    assertThat(Difficulty.EASY.othersNearestFirst(true)).containsExactly(Difficulty.MEDIUM, Difficulty.HARD);
    assertThat(Difficulty.HARD.othersNearestFirst(true)).containsExactly(Difficulty.MEDIUM, Difficulty.EASY);
    assertThat(Difficulty.MEDIUM.othersNearestFirst(true)).containsExactly(Difficulty.EASY, Difficulty.HARD);
    assertThat(Difficulty.MEDIUM.othersNearestFirst(false)).containsExactly(Difficulty.HARD, Difficulty.EASY);
  }
}
