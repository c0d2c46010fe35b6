package peerprep.execution.sandbox;

import peerprep.common.vocab.Language;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How each of the editor's languages is compiled (if at all) and run in the sandbox, in the editor's order. */
public enum LanguageRuntime {
  PYTHON(Language.PYTHON, "Python 3", false, false),
  JAVA(Language.JAVA, "Java 17", true, true),
  JAVASCRIPT(Language.JAVASCRIPT, "JavaScript (Node.js)", false, true),
  CPP(Language.CPP, "C++17 (g++)", true, false);

  private static final Pattern PUBLIC_CLASS = Pattern.compile("(?m)^\\s*public\\s+(?:final\\s+|abstract\\s+)*class\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

  private final Language language;
  private final String label;
  private final boolean compiled;
  private final boolean virtualMachine;

  LanguageRuntime(Language language, String label, boolean compiled, boolean virtualMachine) {
    this.language = language;
    this.label = label;
    this.compiled = compiled;
    this.virtualMachine = virtualMachine;
  }

  public String id() {
    return language.id();
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

  /** The runtime of a language. */
  public static LanguageRuntime of(Language language) {
    return Arrays.stream(values()).filter(r -> r.language == language).findFirst().orElseThrow();
  }

  /** The source file's name; Java's must match its public class. */
  public String sourceFile(String code) {
    return switch (this) {
      case JAVA -> mainClass(code) + "." + language.extension();
      default -> "main." + language.extension();
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
      default -> throw new IllegalStateException(id() + " is not compiled");
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
