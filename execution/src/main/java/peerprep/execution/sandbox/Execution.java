package peerprep.execution.sandbox;

/**
 * What one process tree did: its exit code (a signal shows as 128 + its number, as the sandbox reports
 * it), whether the service stopped it (wall time, output cap), its output and what it used.
 */
public record Execution(int exitCode, boolean wallTimeout, boolean outputExceeded, String stdout, boolean stdoutTruncated,
                        String stderr, boolean stderrTruncated, long wallMs, Usage usage) {

  /** The signal that ended the program, or 0 when it exited by itself. */
  public int signal() {
    return exitCode > 128 && exitCode <= 128 + 64 ? exitCode - 128 : 0;
  }
}
