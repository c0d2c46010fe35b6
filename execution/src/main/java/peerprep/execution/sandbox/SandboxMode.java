package peerprep.execution.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * How a program is confined. {@code BWRAP}: bubblewrap with every namespace unshared (no network, its own
 * processes, only the toolchain mounted, a size-capped tmpfs to work in) plus rlimits. {@code RLIMITS}:
 * where namespaces are not allowed (ECS Fargate), rlimits and a dedicated user per concurrent run only;
 * the task definition must supply the rest (read-only root file system, no egress, no secrets).
 */
public enum SandboxMode {
  BWRAP, RLIMITS;

  public static SandboxMode parse(String value) {
    return switch (value.toLowerCase()) {
      case "bwrap" -> BWRAP;
      case "rlimits" -> RLIMITS;
      default -> throw new IllegalArgumentException(value);
    };
  }

  /** The paths the program is given to see. */
  public Layout layout(RunDirs dirs) {
    return this == BWRAP ? Layout.SANDBOXED
      : new Layout(dirs.src().toString(), dirs.out().toString(), dirs.work().toString());
  }

  /** The full command line: usage report, user switch, confinement, rlimits, then the program itself. */
  public List<String> command(Toolchain tools, RunDirs dirs, Phase phase, Limits limits, boolean vm, Integer uid,
                              List<String> program) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-q", "-o", dirs.usage().toString(), "-f", "%e %U %S %M"));
    if (this == BWRAP) {
      if (uid != null) {
        cmd.addAll(setpriv(uid));
      }
      cmd.addAll(bwrap(tools, dirs, phase, limits));
      cmd.addAll(rlimits(limits, vm));
    } else {
      cmd.addAll(rlimits(limits, vm));
      cmd.addAll(setpriv(uid));
    }
    cmd.addAll(program);
    return cmd;
  }

  static List<String> setpriv(int uid) {
    return List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--inh-caps=-all",
      "--no-new-privs", "--");
  }

  /**
   * Every rlimit is set soft = hard, so the program cannot raise one. At the CPU limit the kernel sends
   * SIGKILL; a write past the file size fails (SIGXFSZ, or EFBIG for the sandbox's first process).
   */
  static List<String> rlimits(Limits l, boolean vm) {
    return List.of("/usr/bin/prlimit", "--cpu=" + l.cpuSeconds(), "--as=" + l.addressSpaceBytes(vm), "--nproc=" + l.processes(),
      "--fsize=" + l.fileBytes(), "--nofile=" + l.openFiles(), "--core=0", "--");
  }

  private static List<String> bwrap(Toolchain tools, RunDirs dirs, Phase phase, Limits limits) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/bwrap", "--unshare-all", "--as-pid-1", "--die-with-parent",
      "--new-session", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox"));
    for (String dir : tools.readOnly()) {
      cmd.addAll(List.of("--ro-bind", dir, dir));
    }
    cmd.addAll(List.of("--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
      "--proc", "/proc", "--dev", "/dev",
      "--size", String.valueOf(limits.workDirMb() * 1024L * 1024L), "--tmpfs", "/tmp",
      "--ro-bind", dirs.src().toString(), Layout.SANDBOXED.src()));
    if (phase == Phase.COMPILE) {
      cmd.addAll(List.of("--bind", dirs.out().toString(), Layout.SANDBOXED.out(), "--chdir", Layout.SANDBOXED.out()));
    } else {
      cmd.addAll(List.of("--ro-bind", dirs.out().toString(), Layout.SANDBOXED.out(),
        "--size", String.valueOf(limits.workDirMb() * 1024L * 1024L), "--tmpfs", Layout.SANDBOXED.work(),
        "--chdir", Layout.SANDBOXED.work()));
    }
    cmd.addAll(List.of("--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", Layout.SANDBOXED.work(),
      "--setenv", "LANG", "C.UTF-8", "--setenv", "TMPDIR", "/tmp", "--"));
    return cmd;
  }
}
