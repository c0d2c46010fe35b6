package peerprep.history;

import java.time.LocalDate;
import java.util.List;

/**
 * Runs of consecutive UTC days with at least one attempt. The latest run is current while its last day
 * is today or yesterday, so a user who practised yesterday has not lost the streak before today ends.
 */
public record Streaks(int current, int longest) {

  /** @param days distinct days in ascending order */
  static Streaks of(List<LocalDate> days, LocalDate today) {
    int longest = 0;
    int run = 0;
    LocalDate previous = null;
    for (LocalDate day : days) {
      run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
      longest = Math.max(longest, run);
      previous = day;
    }
    boolean live = previous != null && !previous.isBefore(today.minusDays(1));
    return new Streaks(live ? run : 0, longest);
  }
}
