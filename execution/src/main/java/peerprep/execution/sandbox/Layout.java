package peerprep.execution.sandbox;

/**
 * Where a program sees its files: the source (read-only), the compiler's output (written by the compile
 * phase, read-only when running) and the working directory it runs in.
 */
public record Layout(String src, String out, String work) {
  /** Inside bubblewrap every run sees the same paths. */
  public static final Layout SANDBOXED = new Layout("/src", "/app", "/work");
}
