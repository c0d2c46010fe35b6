package peerprep.execution.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A run's processes can outlive it: without a PID namespace a daemon or a child in its own session stays;
 * with one, the kernel tears the namespace down a moment after its first process died. Each concurrent
 * run has its own user, so after the run every process of that user is killed and waited for, and the
 * slot is handed to the next run only when none is left.
 */
public final class Reaper {
  private static final int ROUNDS = 250;
  private static final long PAUSE_MS = 20;

  /** Kills every process of the user and waits until they are gone (reaped), for at most about five seconds. */
  boolean killAll(int uid) {
    for (int round = 0; round < ROUNDS; round++) {
      List<Long> left = processesOf(uid);
      if (left.isEmpty()) {
        return true;
      }
      signalAll(uid);
      try {
        Thread.sleep(PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return processesOf(uid).isEmpty();
  }

  /** kill(-1) as that user reaches every process of the user and nothing else. */
  private static void signalAll(int uid) {
    List<String> cmd = List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--",
      "/usr/bin/kill", "-KILL", "-1");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not stop the processes of user " + uid + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Process ids whose real user is {@code uid}, read from /proc. */
  public static List<Long> processesOf(int uid) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
        .filter(p -> uid == realUid(p))
        .map(p -> Long.parseLong(p.getFileName().toString()))
        .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int realUid(Path proc) {
    try (Stream<String> lines = Files.lines(proc.resolve("status"))) {
      return lines.filter(l -> l.startsWith("Uid:")).findFirst()
        .map(l -> Integer.parseInt(l.substring(4).trim().split("\\s+")[0])).orElse(-1);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
