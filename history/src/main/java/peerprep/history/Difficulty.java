package peerprep.history;

import peerprep.common.http.ApiException;

import java.util.List;

/** The three difficulties of the question bank, spelled as the contract spells them. */
final class Difficulty {
  static final List<String> ALL = List.of("Easy", "Medium", "Hard");

  private Difficulty() {
  }

  /** The canonical spelling of a difficulty given in any case. */
  static String parse(String value, String what) {
    for (String d : ALL) {
      if (d.equalsIgnoreCase(value.trim())) {
        return d;
      }
    }
    throw ApiException.badRequest("The " + what + " must be one of Easy, Medium, Hard, not '" + value + "'.");
  }
}
