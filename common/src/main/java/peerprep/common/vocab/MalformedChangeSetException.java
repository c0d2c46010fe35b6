package peerprep.common.vocab;

/** A value that is not CodeMirror's change set JSON; the message says what is wrong, for a person to read. */
public class MalformedChangeSetException extends IllegalArgumentException {
  public MalformedChangeSetException(String message) {
    super(message);
  }
}
