package peerprep.execution.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The editor's four languages: how each is compiled (if at all) and run. */
public enum Language {
  PYTHON("python", "Python 3", false, false),
  JAVASCRIPT("javascript", "JavaScript (Node.js)", false, true),
  JAVA("java", "Java 17", true, true),
  CPP("cpp", "C++17 (g++)", true, false);

  private static final Pattern PUBLIC_CLASS = Pattern.compile("(?m)^\\s*public\\s+(?:final\\s+|abstract\\s+)*class\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

  private final String id;
  private final String label;
  private final boolean compiled;
  private final boolean virtualMachine;

  Language(String id, String label, boolean compiled, boolean virtualMachine) {
    this.id = id;
    this.label = label;
    this.compiled = compiled;
    this.virtualMachine = virtualMachine;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public boolean compiled() {
    return compiled;
  }

  /** Java and Node: memory is bounded by their heap size, the address space only by a wide ceiling. */
  public boolean virtualMachine() {
    return virtualMachine;
  }

  public static Optional<Language> of(String id) {
    return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
  }

  /** The source file's name; Java's must match its public class. */
  public String sourceFile(String code) {
    return switch (this) {
      case PYTHON -> "main.py";
      case JAVASCRIPT -> "main.js";
      case CPP -> "main.cpp";
      case JAVA -> mainClass(code) + ".java";
    };
  }

  static String mainClass(String code) {
    Matcher m = PUBLIC_CLASS.matcher(code);
    return m.find() ? m.group(1) : "Main";
  }

  /** The compiler's command line, for compiled languages. */
  public List<String> compile(Toolchain t, Layout at, String file, Limits limits) {
    return switch (this) {
      case JAVA -> List.of(t.javac(), "-J-Xmx" + limits.memoryMb() + "m", "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1",
        "-J-XX:ReservedCodeCacheSize=32m", "-J-XX:MaxMetaspaceSize=128m", "-J-XX:CompressedClassSpaceSize=64m",
        "-encoding", "UTF-8", "-Xlint:none", "-Xmaxerrs", "50", "-d", at.out(), at.src() + "/" + file);
      case CPP -> List.of(t.gxx(), "-std=c++17", "-O2", "-pipe", "-fdiagnostics-color=never", "-o", at.out() + "/main",
        at.src() + "/" + file);
      default -> throw new IllegalStateException(id + " is not compiled");
    };
  }

  /** The program's command line. */
  public List<String> run(Toolchain t, Layout at, String file, Limits limits) {
    return switch (this) {
      case PYTHON -> List.of(t.python(), "-I", at.src() + "/" + file);
      case JAVASCRIPT -> List.of(t.node(), "--max-old-space-size=" + limits.memoryMb(), "--stack-size=984", at.src() + "/" + file);
      case JAVA -> List.of(t.java(), "-Xmx" + limits.memoryMb() + "m", "-Xss16m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=48m",
        "-XX:MaxMetaspaceSize=128m", "-XX:CompressedClassSpaceSize=64m", "-XX:-UsePerfData", "-Dfile.encoding=UTF-8",
        "-cp", at.out(), file.substring(0, file.length() - ".java".length()));
      case CPP -> List.of(at.out() + "/main");
    };
  }
}
