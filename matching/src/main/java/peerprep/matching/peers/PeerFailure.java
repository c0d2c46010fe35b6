package peerprep.matching.peers;

/** A peer service did not do its part of a match; {@code permanent} when trying again cannot help. */
public final class PeerFailure extends RuntimeException {
  private final boolean permanent;

  public PeerFailure(String message, boolean permanent) {
    super(message, null, false, false);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
