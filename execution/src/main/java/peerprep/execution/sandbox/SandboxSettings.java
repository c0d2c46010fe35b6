package peerprep.execution.sandbox;

import java.nio.file.Path;

/**
 * How runs are confined and limited. {@code uidBase}: when the service runs as root, each concurrent run
 * switches to its own unprivileged user {@code uidBase + slot}, so it has its own process count, nothing of
 * another run is its own, and its leftovers can be found and killed; null when the service is not root and
 * runs keep its user (bubblewrap mode only, where the namespaces keep runs apart).
 */
public record SandboxSettings(SandboxMode mode, Toolchain tools, Path runsRoot, Limits limits, Limits compileLimits,
                              Integer uidBase) {

  public Integer uidFor(int slot) {
    if (uidBase == null) {
      return null;
    }
    return uidBase + slot;
  }
}
