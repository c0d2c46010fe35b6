package peerprep.common.vocab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The languages of the shared editor: the ids every service and the web app exchange, the name shown to a
 * person, the usual source file extension, and the indentation convention (PEP 8 and the usual Java and C++
 * styles indent by 4 spaces, JavaScript by 2).
 */
public enum Language {
  PYTHON("python", "Python", "py", 4),
  JAVA("java", "Java", "java", 4),
  JAVASCRIPT("javascript", "JavaScript", "js", 2),
  CPP("cpp", "C++", "cpp", 4);

  private static final List<String> IDS = Arrays.stream(values()).map(Language::id).toList();
  private final String id;
  private final String displayName;
  private final String extension;
  private final int indent;

  Language(String id, String displayName, String extension, int indent) {
    this.id = id;
    this.displayName = displayName;
    this.extension = extension;
    this.indent = indent;
  }

  /** The id in requests, responses and storage ({@code python}, {@code cpp}). */
  public String id() {
    return id;
  }

  /** The name a person reads ({@code C++}). */
  public String displayName() {
    return displayName;
  }

  /** The source file extension without its dot. */
  public String extension() {
    return extension;
  }

  /** Spaces per indentation level. */
  public int indent() {
    return indent;
  }

  /** Every id, in the order the editor lists them. */
  public static List<String> ids() {
    return IDS;
  }

  /** The ids for a message: {@code "python, java, javascript, cpp"}. */
  public static String choices() {
    return String.join(", ", IDS);
  }

  /** The language of an id, compared exactly (ids are lower case); empty for anything else. */
  public static Optional<Language> find(Object id) {
    return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
  }

  /** Whether a value is one of the ids. */
  public static boolean isId(Object value) {
    return find(value).isPresent();
  }
}
