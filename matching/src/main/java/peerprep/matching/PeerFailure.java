package peerprep.matching;

/** A peer service did not do its part of a match; {@code permanent} when trying again cannot help. */
final class PeerFailure extends RuntimeException {
  private final boolean permanent;

  PeerFailure(String message, boolean permanent) {
    super(message, null, false, false);
    this.permanent = permanent;
  }

  boolean permanent() {
    return permanent;
  }
}
