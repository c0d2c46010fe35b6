package peerprep.collab.ot;

/** A change set that is malformed or does not fit the document it was sent for. */
public final class InvalidChangeException extends RuntimeException {
  public InvalidChangeException(String message) {
    super(message, null, false, false);
  }
}
