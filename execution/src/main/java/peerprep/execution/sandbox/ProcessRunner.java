package peerprep.execution.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts one command, feeds it its stdin from a file, reads its output with a cap, and kills its whole
 * process tree at the wall-time limit or when the output passes the cap. Blocking: call it off the event loop.
 */
final class ProcessRunner {
  /** How long the output readers may take to see the end of their streams once the tree is gone. */
  private static final long DRAIN_MS = 2000;
  private final ExecutorService readers;

  ProcessRunner(ExecutorService readers) {
    this.readers = readers;
  }

  Execution run(List<String> command, Map<String, String> env, Path cwd, Path stdin, Path usage, Limits limits,
                Runnable afterExit) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
      .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
    pb.environment().clear();
    pb.environment().putAll(env);
    long started = System.nanoTime();
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the sandbox: " + e.getMessage(), e);
    }
    AtomicBoolean overflow = new AtomicBoolean();
    Runnable stop = () -> {
      overflow.set(true);
      killDescendants(process);
    };
    Capture out = new Capture(process.getInputStream(), limits.outputBytes(), stop);
    Capture err = new Capture(process.getErrorStream(), limits.outputBytes(), stop);
    Future<?> outDone = readers.submit(out);
    Future<?> errDone = readers.submit(err);
    boolean timedOut = !waitFor(process, limits.wallMs());
    long wallMs = (System.nanoTime() - started) / 1_000_000;
    if (timedOut) {
      killDescendants(process);
      if (!waitFor(process, DRAIN_MS)) {
        process.destroyForcibly();
      }
    }
    afterExit.run();
    killDescendants(process);
    process.destroyForcibly();
    drain(outDone, process);
    drain(errDone, process);
    int exit = process.isAlive() ? 137 : process.exitValue();
    return new Execution(exit, timedOut, overflow.get() && !timedOut, out.text(), out.truncated(), err.text(),
      err.truncated(), wallMs, Usage.read(usage));
  }

  private static boolean waitFor(Process process, long ms) {
    try {
      return process.waitFor(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Kills what the root started, leaves first; the sandbox's processes die with it (die-with-parent). The
   * root (the usage reporter) is left to write its report and exit.
   */
  static void killDescendants(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    Collections.reverse(tree);
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  private void drain(Future<?> reader, Process process) {
    try {
      reader.get(DRAIN_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // A descendant that escaped the tree still holds the pipe: closing our end ends the reader.
      closeQuietly(process);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void closeQuietly(Process process) {
    try {
      process.getInputStream().close();
      process.getErrorStream().close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
