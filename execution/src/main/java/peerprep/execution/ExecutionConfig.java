package peerprep.execution;

import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.execution.sandbox.Limits;
import peerprep.execution.sandbox.SandboxMode;
import peerprep.execution.sandbox.SandboxSettings;
import peerprep.execution.sandbox.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Every configuration key the execution-service reads, mapped once. */
public record ExecutionConfig(int port, int parallelRuns, int queueSize, int maxSourceChars, int maxStdinBytes,
                              SandboxSettings sandbox) {
  /** Above every ordinary account, so no file or process of the host belongs to a sandbox user. */
  static final int DEFAULT_UID = 100_000;

  public static ExecutionConfig from(Settings s) {
    SandboxMode mode = mode(s.string("EXECUTION_SANDBOX", "bwrap"));
    int uid = s.integer("EXECUTION_SANDBOX_UID", DEFAULT_UID, 1000, Integer.MAX_VALUE - 1024);
    boolean root = processUid() == 0;
    if (mode == SandboxMode.RLIMITS && !root) {
      throw new ConfigException("Malformed configuration: EXECUTION_SANDBOX=rlimits needs the service to run as root, "
        + "which it uses only to give each concurrent run its own user (EXECUTION_SANDBOX_UID + slot)");
    }
    int parallel = s.integer("EXECUTION_PARALLEL_RUNS", Runtime.getRuntime().availableProcessors(), 1, 64);
    Limits run = new Limits(
      s.integer("EXECUTION_CPU_SECONDS", 5, 1, 60),
      s.integer("EXECUTION_WALL_MS", 10_000, 500, 120_000),
      s.integer("EXECUTION_MEMORY_MB", 256, 32, 4096),
      s.integer("EXECUTION_VM_ADDRESS_SPACE_MB", 1536, 512, 16_384),
      s.integer("EXECUTION_MAX_PROCESSES", 64, 1, 4096),
      s.integer("EXECUTION_MAX_FILE_BYTES", 16 * 1024 * 1024, 0, Integer.MAX_VALUE),
      s.integer("EXECUTION_MAX_OPEN_FILES", 64, 16, 4096),
      s.integer("EXECUTION_MAX_OUTPUT_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
      s.integer("EXECUTION_WORK_DIR_MB", 64, 1, 4096));
    Limits compile = run.withTime(s.integer("EXECUTION_COMPILE_CPU_SECONDS", 10, 1, 120),
      s.integer("EXECUTION_COMPILE_WALL_MS", 20_000, 1000, 300_000));
    List<String> readOnly = s.has("EXECUTION_READ_ONLY_PATHS")
      ? Arrays.stream(s.string("EXECUTION_READ_ONLY_PATHS").split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList()
      : Toolchain.DEFAULT_READ_ONLY;
    Path runsRoot = runsRoot(s.string("EXECUTION_RUNS_DIR", System.getProperty("java.io.tmpdir") + "/peerprep-runs"));
    SandboxSettings sandbox = new SandboxSettings(mode, Toolchain.detect(readOnly), runsRoot, run, compile, root ? uid : null);
    return new ExecutionConfig(s.port("PORT", 8000), parallel, s.integer("EXECUTION_QUEUE_SIZE", 16, 0, 10_000),
      s.integer("EXECUTION_MAX_SOURCE_CHARS", 100_000, 1, 1_000_000), s.integer("EXECUTION_MAX_STDIN_BYTES", 64 * 1024, 0, 4 * 1024 * 1024),
      sandbox);
  }

  /** The largest request body: the code and the stdin at their caps, four bytes a character at worst. */
  public long bodyLimit() {
    return 4L * maxSourceChars + maxStdinBytes * 4L + 4096;
  }

  private static SandboxMode mode(String value) {
    try {
      return SandboxMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Malformed configuration: EXECUTION_SANDBOX must be bwrap or rlimits, got '" + value + "'");
    }
  }

  private static Path runsRoot(String dir) {
    Path root = Path.of(dir);
    try {
      Files.createDirectories(root);
      Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
      return root.toRealPath();
    } catch (IOException e) {
      throw new ConfigException("Malformed configuration: EXECUTION_RUNS_DIR '" + dir + "' cannot be created: " + e.getMessage());
    }
  }

  /** The user this process runs as. */
  static int processUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }
}
