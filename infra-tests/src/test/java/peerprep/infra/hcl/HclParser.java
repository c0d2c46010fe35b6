package peerprep.infra.hcl;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parser for the HCL native syntax that Terraform files use. It keeps the structure the tests
 * assert on (blocks, attributes, literal values, objects, tuples) and the source text of every
 * other expression, without evaluating anything.
 */
public final class HclParser {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern HEREDOC = Pattern.compile("<<(-?)([A-Za-z_][A-Za-z0-9_]*)\\r?\\n");

  private final String src;
  private final String file;
  private int pos;

  private HclParser(String src, String file) {
    this.src = src;
    this.file = file;
  }

  public static Body parse(Path path) throws IOException {
    return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  public static Body parse(String source, String file) {
    HclParser parser = new HclParser(source, file);
    Body body = parser.body();
    if (parser.pos < parser.src.length()) {
      throw parser.error("unexpected '" + parser.src.charAt(parser.pos) + "'");
    }
    return body;
  }

  /** Parses a single expression, such as the argument of a function call. */
  public static Expr expression(String text) {
    Body body = parse("value = " + text + "\n", "<expression>");
    return body.attribute("value").orElseThrow();
  }

  /** The argument of a one-argument call such as {@code jsonencode(...)}, parsed. */
  public static Expr argument(Expr call, String function) {
    String source = call.source();
    if (!source.startsWith(function + "(") || !source.endsWith(")")) {
      throw new AssertionError("expected a call of " + function + " but found: " + source);
    }
    return expression(source.substring(function.length() + 1, source.length() - 1).trim());
  }

  /** The source with every run of whitespace made a single space. */
  public static String normalize(String source) {
    return source.replaceAll("\\s+", " ").trim();
  }

  private Body body() {
    Body body = new Body();
    while (true) {
      skipSpaceAndComments(true);
      if (pos >= src.length() || src.charAt(pos) == '}') {
        return body;
      }
      int line = line(pos);
      String name = identifier();
      skipSpaceAndComments(false);
      if (peek('=') && !peek("==")) {
        pos++;
        int start = pos;
        int end = expressionEnd(start, false);
        body.add(name, expression(start, end), file + ":" + line);
        pos = end;
        continue;
      }
      List<String> labels = new ArrayList<>();
      while (!peek('{')) {
        if (peek('"')) {
          int end = stringEnd(pos);
          labels.add(unescape(src.substring(pos + 1, end - 1)));
          pos = end;
        } else {
          labels.add(identifier());
        }
        skipSpaceAndComments(false);
      }
      pos++;
      Body inner = body();
      expect('}');
      body.add(new Block(name, List.copyOf(labels), inner, file, line));
    }
  }

  /** Parses the expression in [start, end). */
  private Expr expression(int start, int end) {
    while (start < end && Character.isWhitespace(src.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(src.charAt(end - 1))) {
      end--;
    }
    String text = src.substring(start, end);
    if (text.isEmpty()) {
      throw error(start, "missing expression");
    }
    char first = text.charAt(0);
    if ((first == '{' || first == '[') && closingBracket(start) == end - 1) {
      int inner = skipSpace(start + 1, end - 1);
      if (src.startsWith("for", inner) && inner + 3 < end && Character.isWhitespace(src.charAt(inner + 3))) {
        return new Expr.Raw(text);
      }
      return first == '{' ? object(start + 1, end - 1, text) : tuple(start + 1, end - 1, text);
    }
    if (first == '"' && stringEnd(start) == end) {
      String content = text.substring(1, text.length() - 1);
      return hasInterpolation(content)
          ? new Expr.Template(content, text)
          : new Expr.Literal(unescape(content), text);
    }
    if (text.startsWith("<<")) {
      var matcher = HEREDOC.matcher(src).region(start, end);
      if (matcher.lookingAt() && heredocEnd(start) == end) {
        String content = heredocContent(matcher.end(), matcher.group(2), !matcher.group(1).isEmpty());
        return hasInterpolation(content) ? new Expr.Template(content, text) : new Expr.Literal(content, text);
      }
    }
    if (NUMBER.matcher(text).matches()) {
      return new Expr.Literal(new BigDecimal(text), text);
    }
    return switch (text) {
      case "true" -> new Expr.Literal(Boolean.TRUE, text);
      case "false" -> new Expr.Literal(Boolean.FALSE, text);
      case "null" -> new Expr.Literal(null, text);
      default -> new Expr.Raw(text);
    };
  }

  private Expr object(int start, int end, String text) {
    LinkedHashMap<String, Expr> entries = new LinkedHashMap<>();
    int i = start;
    while (true) {
      i = skipSeparators(i, end);
      if (i >= end) {
        return new Expr.ObjectExpr(entries, text);
      }
      String key;
      if (src.charAt(i) == '"') {
        int keyEnd = stringEnd(i);
        key = unescape(src.substring(i + 1, keyEnd - 1));
        i = keyEnd;
      } else if (src.charAt(i) == '(') {
        int keyEnd = closingBracket(i) + 1;
        key = src.substring(i, keyEnd);
        i = keyEnd;
      } else {
        int keyStart = i;
        while (i < end && isIdentifierPart(src.charAt(i))) {
          i++;
        }
        if (i == keyStart) {
          throw error(i, "expected an object key");
        }
        key = src.substring(keyStart, i);
      }
      i = skipSpace(i, end);
      if (i >= end || (src.charAt(i) != '=' && src.charAt(i) != ':')) {
        throw error(i, "expected '=' after object key " + key);
      }
      int valueEnd = Math.min(expressionEnd(i + 1, true), end);
      if (entries.put(key, expression(i + 1, valueEnd)) != null) {
        throw error(i, "object key " + key + " is defined twice");
      }
      i = valueEnd;
    }
  }

  private Expr tuple(int start, int end, String text) {
    List<Expr> items = new ArrayList<>();
    int i = start;
    while (true) {
      i = skipSeparators(i, end);
      if (i >= end) {
        return new Expr.TupleExpr(List.copyOf(items), text);
      }
      int itemEnd = Math.min(expressionEnd(i, true), end);
      items.add(expression(i, itemEnd));
      i = itemEnd;
    }
  }

  /**
   * Finds where the expression starting at {@code start} ends: at a newline or an unmatched closing
   * bracket outside any brackets, or at a comma there when {@code stopAtComma} is set.
   */
  private int expressionEnd(int start, boolean stopAtComma) {
    int depth = 0;
    int i = start;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '"') {
        i = stringEnd(i);
        continue;
      }
      if (c == '<' && src.startsWith("<<", i) && HEREDOC.matcher(src).region(i, src.length()).lookingAt()) {
        i = heredocEnd(i);
        continue;
      }
      if (c == '#' || src.startsWith("//", i)) {
        if (depth == 0) {
          return i;
        }
        i = lineEnd(i);
        continue;
      }
      if (src.startsWith("/*", i)) {
        i = commentEnd(i);
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (depth == 0 && (c == '\n' || (stopAtComma && c == ','))) {
        return i;
      }
      i++;
    }
    if (depth > 0) {
      throw error(start, "unclosed bracket in expression");
    }
    return i;
  }

  private int closingBracket(int open) {
    int i = open + 1;
    while (true) {
      int end = expressionEnd(i, false);
      if (end >= src.length()) {
        throw error(open, "unclosed '" + src.charAt(open) + "'");
      }
      if (src.charAt(end) == '\n') {
        i = end + 1;
      } else if (src.charAt(end) == '#' || src.startsWith("//", end)) {
        i = lineEnd(end);
      } else {
        return end;
      }
    }
  }

  /** Index just past the closing quote of the string starting at {@code start}. */
  private int stringEnd(int start) {
    int i = start + 1;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else if (c == '\n') {
        throw error(start, "unterminated string");
      } else if ((c == '$' || c == '%') && src.startsWith("{", i + 1)) {
        if (i + 2 < src.length() && i > 0 && src.charAt(i - 1) == c) {
          i += 2;
        } else {
          i = templateEnd(i + 2);
        }
      } else {
        i++;
      }
    }
    throw error(start, "unterminated string");
  }

  /** Index just past the '}' closing an interpolation whose expression starts at {@code start}. */
  private int templateEnd(int start) {
    int depth = 0;
    int i = start;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '"') {
        i = stringEnd(i);
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i + 1;
        }
        depth--;
      }
      i++;
    }
    throw error(start, "unterminated interpolation");
  }

  private int heredocEnd(int start) {
    var matcher = HEREDOC.matcher(src).region(start, src.length());
    if (!matcher.lookingAt()) {
      throw error(start, "malformed heredoc");
    }
    String marker = matcher.group(2);
    int i = matcher.end();
    while (i < src.length()) {
      int end = lineEnd(i);
      if (src.substring(i, end).trim().equals(marker)) {
        return end;
      }
      i = end + 1;
    }
    throw error(start, "heredoc " + marker + " is never closed");
  }

  private String heredocContent(int bodyStart, String marker, boolean indented) {
    List<String> lines = new ArrayList<>();
    int i = bodyStart;
    while (true) {
      int end = lineEnd(i);
      String line = src.substring(i, end);
      if (line.trim().equals(marker)) {
        break;
      }
      lines.add(line);
      i = end + 1;
    }
    if (indented) {
      int indent = lines.stream()
          .filter(line -> !line.isBlank())
          .mapToInt(line -> line.length() - line.stripLeading().length())
          .min()
          .orElse(0);
      lines.replaceAll(line -> line.length() >= indent ? line.substring(indent) : line.strip());
    }
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private static boolean hasInterpolation(String content) {
    for (int i = 0; i + 1 < content.length(); i++) {
      char c = content.charAt(i);
      if ((c == '$' || c == '%') && content.charAt(i + 1) == '{' && (i == 0 || content.charAt(i - 1) != c)) {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> out.append(next);
        }
      } else if ((c == '$' || c == '%') && text.startsWith(c + "" + c + "{", i)) {
        out.append(c).append('{');
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private String identifier() {
    int start = pos;
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
      while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
        pos++;
      }
    }
    if (pos == start) {
      throw error("expected an identifier but found '" + (pos < src.length() ? src.charAt(pos) : "end of file") + "'");
    }
    return src.substring(start, pos);
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private void skipSpaceAndComments(boolean newlines) {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n' && !newlines) {
        return;
      }
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#' || src.startsWith("//", pos)) {
        pos = lineEnd(pos);
      } else if (src.startsWith("/*", pos)) {
        pos = commentEnd(pos);
      } else {
        return;
      }
    }
  }

  private int skipSpace(int i, int end) {
    while (i < end && Character.isWhitespace(src.charAt(i))) {
      i++;
    }
    return i;
  }

  private int skipSeparators(int i, int end) {
    while (i < end) {
      char c = src.charAt(i);
      if (Character.isWhitespace(c) || c == ',') {
        i++;
      } else if (c == '#' || src.startsWith("//", i)) {
        i = lineEnd(i);
      } else if (src.startsWith("/*", i)) {
        i = commentEnd(i);
      } else {
        return i;
      }
    }
    return i;
  }

  private int lineEnd(int i) {
    int end = src.indexOf('\n', i);
    return end < 0 ? src.length() : end;
  }

  private int commentEnd(int i) {
    int end = src.indexOf("*/", i + 2);
    if (end < 0) {
      throw error(i, "unterminated comment");
    }
    return end + 2;
  }

  private boolean peek(char c) {
    return pos < src.length() && src.charAt(pos) == c;
  }

  private boolean peek(String s) {
    return src.startsWith(s, pos);
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private int line(int index) {
    int line = 1;
    for (int i = 0; i < index && i < src.length(); i++) {
      if (src.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private HclException error(String message) {
    return error(pos, message);
  }

  private HclException error(int index, String message) {
    return new HclException(message, file + ":" + line(index));
  }
}
