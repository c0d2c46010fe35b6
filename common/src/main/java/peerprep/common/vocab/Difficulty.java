package peerprep.common.vocab;

import peerprep.common.http.ApiException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How hard a question is. The labels ({@code Easy}, {@code Medium}, {@code Hard}) are what every service exchanges. */
public enum Difficulty {
  EASY("Easy"), MEDIUM("Medium"), HARD("Hard");

  private static final List<String> LABELS = Arrays.stream(values()).map(Difficulty::label).toList();
  private final String label;

  Difficulty(String label) {
    this.label = label;
  }

  /** The label as the contract spells it. */
  public String label() {
    return label;
  }

  /** Every label, easiest first. */
  public static List<String> labels() {
    return LABELS;
  }

  /** The labels for a message: {@code "Easy, Medium, Hard"}. */
  public static String choices() {
    return String.join(", ", LABELS);
  }

  /** The difficulty a label names, ignoring case and surrounding blanks; empty for anything else. */
  public static Optional<Difficulty> find(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.trim();
    return Arrays.stream(values()).filter(d -> d.label.equalsIgnoreCase(wanted)).findFirst();
  }

  /**
   * The difficulty a request names, in any case, or a 400 whose detail says what was wrong.
   *
   * @param what the input as the detail names it, e.g. {@code "difficulty filter"} or {@code "query parameter 'difficulty'"}
   */
  public static Difficulty parse(String value, String what) {
    return find(value).orElseThrow(() -> ApiException.badRequest(
      "The " + what + " must be one of " + choices() + ", not '" + value + "'."));
  }

  /** The difficulty of a label spelled exactly as the contract spells it (a value this system stored). */
  public static Difficulty fromLabel(String label) {
    return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst()
      .orElseThrow(() -> new IllegalArgumentException("Not a difficulty: " + label));
  }

  /** The other difficulties, nearest first; Medium is as near to Easy as to Hard, so the caller chooses. */
  public List<Difficulty> othersNearestFirst(boolean preferEasier) {
    return switch (this) {
      case EASY -> List.of(MEDIUM, HARD);
      case HARD -> List.of(MEDIUM, EASY);
      case MEDIUM -> preferEasier ? List.of(EASY, HARD) : List.of(HARD, EASY);
    };
  }
}
