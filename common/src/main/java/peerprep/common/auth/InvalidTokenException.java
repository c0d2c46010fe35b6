package peerprep.common.auth;

/** A token that does not prove who the caller is; always answered with 401. */
public class InvalidTokenException extends RuntimeException {
  public InvalidTokenException(String message) {
    super(message, null, false, false);
  }
}
