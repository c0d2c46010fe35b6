package peerprep.common.vocab;

import peerprep.common.ids.Uuids;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Session ids: the collaboration service creates them as random UUIDs and writes them in lower case.
 * A request may spell one in either case; anything that is not a canonical 36-character UUID names no
 * session and never reaches a Redis key or a query.
 */
public final class SessionIds {
  private SessionIds() {
  }

  /** A new session id. */
  public static String create() {
    return UUID.randomUUID().toString();
  }

  /** Whether the text is a session id in either case. */
  public static boolean valid(String id) {
    return Uuids.canonical(id);
  }

  /** Whether the text is a session id exactly as the system writes it (lower case). */
  public static boolean canonical(String id) {
    return valid(id) && id.equals(id.toLowerCase(Locale.ROOT));
  }

  /** The id as the system writes it, or empty when the text is not a session id. */
  public static Optional<String> normalize(String id) {
    return valid(id) ? Optional.of(id.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** The id as a UUID, or empty when the text is not a session id. */
  public static Optional<UUID> toUuid(String id) {
    return valid(id) ? Optional.of(UUID.fromString(id)) : Optional.empty();
  }
}
