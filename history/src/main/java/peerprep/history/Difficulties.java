package peerprep.history;

import peerprep.common.http.ApiException;
import peerprep.common.vocab.Difficulty;

/** Difficulties given in a request, in any case: the label as the contract spells it, or a 400 naming the input. */
final class Difficulties {
  private Difficulties() {
  }

  static String parse(String value, String what) {
    return Difficulty.find(value).map(Difficulty::label).orElseThrow(() -> ApiException.badRequest(
      "The " + what + " must be one of " + Difficulty.choices() + ", not '" + value + "'."));
  }
}
