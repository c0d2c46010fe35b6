package peerprep.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, user plus system, from {@code /proc/PID/stat} (Linux). */
public final class ProcCpu {
  /** Clock ticks per second of {@code utime} and {@code stime}: {@code getconf CLK_TCK} is 100 on Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcCpu() {
  }

  /** This JVM's CPU seconds. */
  public static double self() {
    return seconds(ProcessHandle.current().pid());
  }

  /** The CPU seconds of process {@code pid}. */
  public static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException("no /proc entry for process " + pid, e);
    }
  }
}
