package peerprep.infra.hcl;

/** A syntax error, with the file and line it was found at. */
public final class HclException extends RuntimeException {
  public HclException(String message, String where) {
    super(where + ": " + message);
  }
}
