package peerprep.execution.sandbox;

import java.nio.file.Path;

/**
 * How runs are confined and limited. {@code uidBase}: the unprivileged user runs switch to when the
 * service runs as root (bubblewrap: that user; rlimits mode: {@code uidBase + slot}, one user per
 * concurrent run, so each has its own process count and nothing of another run is theirs); null when
 * the service is not root and runs keep its user (bubblewrap mode only).
 */
public record SandboxSettings(SandboxMode mode, Toolchain tools, Path runsRoot, Limits limits, Limits compileLimits,
                              Integer uidBase) {

  public Integer uidFor(int slot) {
    if (uidBase == null) {
      return null;
    }
    return mode == SandboxMode.RLIMITS ? uidBase + slot : uidBase;
  }
}
