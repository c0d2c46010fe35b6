package peerprep.execution.sandbox;

import java.util.List;
import java.util.Map;

/** Turns what a process tree did into the reported outcome, naming the limit that stopped it, if any. */
final class Verdict {
  private static final Map<Integer, String> SIGNALS = Map.ofEntries(Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"),
    Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"), Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"),
    Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"),
    Map.entry(12, "SIGUSR2"), Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"),
    Map.entry(24, "SIGXCPU"), Map.entry(25, "SIGXFSZ"), Map.entry(31, "SIGSYS"));
  private static final List<String> MEMORY = List.of("MemoryError", "std::bad_alloc", "java.lang.OutOfMemoryError",
    "heap out of memory", "Fatal process OOM", "Cannot allocate memory", "Could not reserve enough space",
    "insufficient memory for the Java Runtime");
  private static final List<String> PROCESSES = List.of("Resource temporarily unavailable", "BlockingIOError",
    "unable to create native thread", "EAGAIN", "unable to create new native thread");
  private static final List<String> FILE_SIZE = List.of("File too large", "EFBIG");

  private Verdict() {
  }

  static RunResult of(LanguageRuntime language, Phase phase, Execution e, Limits limits) {
    String limit = limit(e, limits);
    int signal = e.signal();
    String signalName = signal == 0 ? null : SIGNALS.getOrDefault(signal, "SIG" + signal);
    Integer exitCode = signal == 0 ? e.exitCode() : null;
    if (phase == Phase.COMPILE) {
      List<Diagnostic> marks = Diagnostic.fromCompiler(language, e.stderr());
      return new RunResult(language, limit != null ? "limit" : "compile-error", phase, exitCode, signalName, limit, e, marks);
    }
    if (limit == null && e.exitCode() != 0 && Diagnostic.isSyntaxError(language, e.stderr())) {
      return new RunResult(language, "compile-error", Phase.COMPILE, exitCode, null, null, e,
        Diagnostic.fromInterpreter(language, e.stderr()));
    }
    String outcome = limit != null ? "limit" : e.exitCode() == 0 ? "ok" : "error";
    List<Diagnostic> marks = "ok".equals(outcome) || language.compiled() ? List.of() : Diagnostic.fromInterpreter(language, e.stderr());
    return new RunResult(language, outcome, phase, exitCode, signalName, limit, e, marks);
  }

  /** The limit that stopped the program; null when it ended by itself within every limit. */
  static String limit(Execution e, Limits limits) {
    if (e.wallTimeout()) {
      return "wall-time";
    }
    if (e.outputExceeded()) {
      return "output";
    }
    if (e.exitCode() == 0) {
      return null;
    }
    int signal = e.signal();
    // The kernel's SIGKILL at the CPU limit: nothing else here sends one (the service's own kills are
    // named above), and the reported CPU time runs a little short of the limit, being sampled in ticks.
    if (signal == 24 || signal == 9 && e.usage().cpuMs() >= limits.cpuSeconds() * 500L) {
      return "cpu-time";
    }
    if (signal == 25 || mentions(e.stderr(), FILE_SIZE)) {
      return "file-size";
    }
    if (mentions(e.stderr(), MEMORY)) {
      return "memory";
    }
    if (mentions(e.stderr(), PROCESSES)) {
      return "processes";
    }
    return null;
  }

  private static boolean mentions(String text, List<String> needles) {
    return needles.stream().anyMatch(text::contains);
  }
}
