package peerprep.history;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreaksTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

  private static LocalDate ago(int days) {
    return TODAY.minusDays(days);
  }

  @Test
  @DisplayName("Consecutive days ending today make a current streak of their length")
  void endingToday() {
    assertThat(Streaks.of(List.of(ago(2), ago(1), ago(0)), TODAY)).isEqualTo(new Streaks(3, 3));
  }

  @Test
  @DisplayName("A gap of a day breaks a run, and the longest run may lie in the past")
  void gapBreaksRun() {
    assertThat(Streaks.of(List.of(ago(9), ago(8), ago(7), ago(6), ago(3), ago(1)), TODAY)).isEqualTo(new Streaks(1, 4));
  }

  @Test
  @DisplayName("Runs across a month and a leap day are consecutive")
  void acrossMonths() {
    List<LocalDate> days = List.of(LocalDate.of(2028, 2, 28), LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 1));
    assertThat(Streaks.of(days, LocalDate.of(2028, 3, 2))).isEqualTo(new Streaks(3, 3));
  }

  @Test
  @DisplayName("No days means no streaks; a last day two days back is not current")
  void noneOrLapsed() {
    assertThat(Streaks.of(List.of(), TODAY)).isEqualTo(new Streaks(0, 0));
    assertThat(Streaks.of(List.of(ago(3), ago(2)), TODAY)).isEqualTo(new Streaks(0, 2));
  }
}
