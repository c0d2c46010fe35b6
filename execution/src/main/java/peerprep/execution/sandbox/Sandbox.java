package peerprep.execution.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Runs one program: a fresh directory, the compile phase if the language has one, the run phase, each in
 * its own confined process tree with its limits, then nothing left behind (processes, files). Blocking.
 */
public final class Sandbox {
  private final SandboxSettings settings;
  private final ProcessRunner runner;
  private final Reaper reaper;

  public Sandbox(SandboxSettings settings, ExecutorService readers) {
    this.settings = settings;
    this.runner = new ProcessRunner(readers);
    this.reaper = new Reaper();
  }

  public SandboxSettings settings() {
    return settings;
  }

  /** Runs the code with its stdin in the given slot (a slot is never used by two runs at once). */
  public RunResult run(LanguageRuntime language, String code, String stdin, int slot) {
    Integer uid = settings.uidFor(slot);
    RunDirs dirs = RunDirs.create(settings.runsRoot(), uid);
    try {
      String file = language.sourceFile(code);
      dirs.writeSource(file, code);
      dirs.writeStdin(stdin);
      Layout at = settings.mode().layout(dirs);
      if (language.compiled()) {
        Limits compileLimits = settings.compileLimits();
        Execution compiled = execute(dirs, Phase.COMPILE, compileLimits, true, uid, language.compile(settings.tools(), at, file, compileLimits), null);
        if (compiled.exitCode() != 0 || compiled.wallTimeout()) {
          return Verdict.of(language, Phase.COMPILE, compiled, compileLimits);
        }
      }
      Limits limits = settings.limits();
      Execution ran = execute(dirs, Phase.RUN, limits, language.virtualMachine(), uid,
        language.run(settings.tools(), at, file, limits), dirs.stdin());
      return Verdict.of(language, Phase.RUN, ran, limits);
    } finally {
      dirs.delete();
    }
  }

  /** Runs a program that does nothing, confined like any run: proves at start-up that the host allows this mode. */
  public Execution probe() {
    Integer uid = settings.uidFor(0);
    RunDirs dirs = RunDirs.create(settings.runsRoot(), uid);
    try {
      return execute(dirs, Phase.RUN, settings.limits(), false, uid, List.of("/usr/bin/true"), null);
    } finally {
      dirs.delete();
    }
  }

  private Execution execute(RunDirs dirs, Phase phase, Limits limits, boolean vm, Integer uid, List<String> program, Path stdin) {
    List<String> command = settings.mode().command(settings.tools(), dirs, phase, limits, vm, uid, program);
    Path cwd = settings.mode() == SandboxMode.BWRAP ? dirs.root() : dirs.work();
    clearUsage(dirs.usage());
    return runner.run(command, environment(dirs), cwd, stdin, dirs.usage(), limits, () -> {
      if (uid != null && !reaper.killAll(uid)) {
        throw new IllegalStateException("Processes of sandbox user " + uid + " survived the run");
      }
    });
  }

  /** Without namespaces the program inherits this environment, so it holds nothing of the service's. */
  private Map<String, String> environment(RunDirs dirs) {
    String home = settings.mode() == SandboxMode.BWRAP ? "/" : dirs.work().toString();
    return Map.of("PATH", "/usr/bin:/bin", "HOME", home, "TMPDIR", home, "LANG", "C.UTF-8");
  }

  private static void clearUsage(Path usage) {
    try {
      Files.deleteIfExists(usage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
