package peerprep.infra.hcl;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * An HCL expression. Literal values, quoted templates, tuples and objects are parsed into their
 * structure; everything else (references, function calls, operators, for expressions) is kept as
 * its source text.
 */
public sealed interface Expr {

  /** The expression exactly as written, trimmed. */
  String source();

  default String string() {
    if (this instanceof Literal literal && literal.value() instanceof String s) {
      return s;
    }
    throw new AssertionError("expected a string literal but found: " + source());
  }

  default boolean bool() {
    if (this instanceof Literal literal && literal.value() instanceof Boolean b) {
      return b;
    }
    throw new AssertionError("expected a boolean literal but found: " + source());
  }

  default int integer() {
    if (this instanceof Literal literal && literal.value() instanceof BigDecimal n) {
      return n.intValueExact();
    }
    throw new AssertionError("expected a number literal but found: " + source());
  }

  default ObjectExpr object() {
    if (this instanceof ObjectExpr object) {
      return object;
    }
    throw new AssertionError("expected an object but found: " + source());
  }

  default TupleExpr tuple() {
    if (this instanceof TupleExpr tuple) {
      return tuple;
    }
    throw new AssertionError("expected a tuple but found: " + source());
  }

  default boolean isNull() {
    return this instanceof Literal literal && literal.value() == null;
  }

  /** A string, number, boolean or null. */
  record Literal(Object value, String source) implements Expr {}

  /** A quoted string or heredoc with interpolations; {@code content} is the text between the quotes. */
  record Template(String content, String source) implements Expr {}

  /** A tuple constructor {@code [a, b]}. */
  record TupleExpr(List<Expr> items, String source) implements Expr {
    public List<String> strings() {
      return items.stream().map(Expr::string).toList();
    }
  }

  /** An object constructor {@code { key = value }}, keys in source order. */
  record ObjectExpr(LinkedHashMap<String, Expr> entries, String source) implements Expr {
    public Expr get(String key) {
      Expr value = entries.get(key);
      if (value == null) {
        throw new AssertionError("object has no key " + key + ": " + source);
      }
      return value;
    }
  }

  /** Any other expression, kept as source text. */
  record Raw(String source) implements Expr {}
}
