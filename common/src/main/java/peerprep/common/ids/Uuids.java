package peerprep.common.ids;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids as the services write them: the canonical 36-character lowercase-or-uppercase hex form with four
 * hyphens. {@link UUID#fromString} also accepts shortened groups ({@code 1-2-3-4-5}) and so gives two
 * spellings to one id; nothing taken from a request goes through it directly.
 */
public final class Uuids {
  private static final Pattern CANONICAL =
    Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Uuids() {
  }

  /** Whether the text is a canonical UUID. */
  public static boolean canonical(String value) {
    return value != null && value.length() == 36 && CANONICAL.matcher(value).matches();
  }

  /** The UUID of a canonical spelling; an {@link IllegalArgumentException} for anything else. */
  public static UUID parse(String value) {
    if (!canonical(value)) {
      throw new IllegalArgumentException("Not a canonical UUID: " + value);
    }
    return UUID.fromString(value);
  }
}
