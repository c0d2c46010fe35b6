package peerprep.matching.queue;

import java.util.Locale;

/** Where a match request stands; the wire name is the lower-case constant name. */
public enum RequestState {
  WAITING, MATCHING, MATCHED, TIMEOUT, FAILED, CANCELLED, SUPERSEDED, DISCONNECTED;

  public static RequestState of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Waiting for a partner, or paired with one whose session is being prepared. */
  public boolean active() {
    return this == WAITING || this == MATCHING;
  }
}
