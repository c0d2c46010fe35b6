package peerprep.execution.sandbox;

/** A run has at most two phases: compiling (Java, C++) and running. */
public enum Phase {
  COMPILE, RUN;

  public String label() {
    return name().toLowerCase();
  }
}
