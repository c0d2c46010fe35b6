package peerprep.execution.sandbox;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A line of the user's source a compiler or interpreter complained about, for the editor to mark. */
public record Diagnostic(int line, int column, String severity, String message) {
  private static final int MAX = 50;
  private static final Pattern GXX = Pattern.compile("(?m)^[^\\s:]*main\\.cpp:(\\d+):(\\d+): (error|warning|fatal error): (.*)$");
  private static final Pattern JAVAC = Pattern.compile("(?m)^[^\\s:]*\\.java:(\\d+): (error|warning): (.*)$");
  private static final Pattern PYTHON = Pattern.compile("File \"[^\"]*main\\.py\", line (\\d+)");
  private static final Pattern NODE = Pattern.compile("\\S*main\\.js:(\\d+)(?::(\\d+))?");
  private static final Pattern USER_FRAME = Pattern.compile("at .*main\\.js:\\d+:\\d+");

  public JsonObject toJson() {
    return new JsonObject().put("line", line).put("column", column).put("severity", severity).put("message", message);
  }

  /** The compiler's errors and warnings, in the order it gave them. */
  static List<Diagnostic> fromCompiler(LanguageRuntime language, String stderr) {
    List<Diagnostic> out = new ArrayList<>();
    Matcher m = (language == LanguageRuntime.CPP ? GXX : JAVAC).matcher(stderr);
    while (m.find() && out.size() < MAX) {
      if (language == LanguageRuntime.CPP) {
        String severity = m.group(3).equals("warning") ? "warning" : "error";
        out.add(new Diagnostic(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), severity, m.group(4)));
      } else {
        out.add(new Diagnostic(Integer.parseInt(m.group(1)), 0, m.group(2), m.group(3)));
      }
    }
    return out;
  }

  /**
   * The line of the user's file an interpreter's error points at (the innermost frame of a traceback, or
   * the location a syntax error names), with the error's last line as the message.
   */
  static List<Diagnostic> fromInterpreter(LanguageRuntime language, String stderr) {
    Matcher m = (language == LanguageRuntime.PYTHON ? PYTHON : NODE).matcher(stderr);
    Set<Integer> lines = new LinkedHashSet<>();
    int column = 0;
    while (m.find()) {
      lines.add(Integer.parseInt(m.group(1)));
      if (language == LanguageRuntime.JAVASCRIPT && lines.size() == 1 && m.group(2) != null) {
        column = Integer.parseInt(m.group(2));
      }
    }
    if (lines.isEmpty()) {
      return List.of();
    }
    int line = language == LanguageRuntime.PYTHON ? lines.stream().reduce((a, b) -> b).orElseThrow() : lines.iterator().next();
    return List.of(new Diagnostic(line, column, "error", summary(language, stderr)));
  }

  private static String summary(LanguageRuntime language, String stderr) {
    List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (language == LanguageRuntime.JAVASCRIPT) {
      return lines.stream().filter(l -> l.matches("^[A-Za-z]*Error\\b.*")).findFirst().orElse(lines.get(0));
    }
    return lines.get(lines.size() - 1);
  }

  /** Whether an interpreter refused the file before running it. */
  static boolean isSyntaxError(LanguageRuntime language, String stderr) {
    return switch (language) {
      case PYTHON -> !stderr.contains("Traceback (most recent call last)")
        && (stderr.contains("SyntaxError:") || stderr.contains("IndentationError:") || stderr.contains("TabError:"));
      case JAVASCRIPT -> stderr.contains("SyntaxError:") && NODE.matcher(stderr).lookingAt() && !USER_FRAME.matcher(stderr).find();
      default -> false;
    };
  }
}
