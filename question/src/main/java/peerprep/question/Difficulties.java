package peerprep.question;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.Difficulty;

/** Difficulties given in a request, in any case, or a 400 naming the field. */
final class Difficulties {
  private Difficulties() {
  }

  static Difficulty parse(String value, String field) {
    return Difficulty.find(value).orElseThrow(() -> new ApiException(400, "Bad Request",
      "The " + field + " '" + value + "' is not one of " + Difficulty.choices() + ".", new JsonObject().put("field", field)));
  }
}
