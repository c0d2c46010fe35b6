package peerprep.question;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.List;
import java.util.Locale;

/** How hard a question is; the labels are the ones every service exchanges. */
public enum Difficulty {
  EASY("Easy"), MEDIUM("Medium"), HARD("Hard");

  private final String label;

  Difficulty(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The difficulty a label names, compared without regard to case; a 400 naming the field otherwise. */
  public static Difficulty parse(String value, String field) {
    if (value != null) {
      for (Difficulty d : values()) {
        if (d.label.equalsIgnoreCase(value.trim())) {
          return d;
        }
      }
    }
    throw new ApiException(400, "Bad Request",
      "The " + field + " '" + value + "' is not one of Easy, Medium, Hard.", new JsonObject().put("field", field));
  }

  public static Difficulty fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
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
