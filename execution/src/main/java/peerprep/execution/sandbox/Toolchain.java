package peerprep.execution.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The interpreters and compilers, by their real paths (so a sandbox needs no {@code /etc/alternatives}
 * links), and the read-only directories a sandbox binds for them.
 */
public record Toolchain(String python, String node, String java, String javac, String gxx, List<String> readOnly) {
  public static final List<String> DEFAULT_READ_ONLY = List.of("/usr", "/etc/alternatives", "/etc/java-17-openjdk");

  /** Resolves the tools on this host; a missing one stays at its usual path and fails when a run needs it. */
  public static Toolchain detect(List<String> readOnly) {
    return new Toolchain(real("/usr/bin/python3"), real("/usr/bin/node"), real("/usr/bin/java"), real("/usr/bin/javac"),
      real("/usr/bin/g++"), readOnly.stream().filter(p -> Files.isDirectory(Path.of(p))).toList());
  }

  private static String real(String path) {
    try {
      return Path.of(path).toRealPath().toString();
    } catch (IOException e) {
      return path;
    }
  }

  public String of(LanguageRuntime language) {
    return switch (language) {
      case PYTHON -> python;
      case JAVASCRIPT -> node;
      case JAVA -> java;
      case CPP -> gxx;
    };
  }
}
