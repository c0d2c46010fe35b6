package peerprep.collab.session;

import peerprep.common.http.ApiException;

import java.util.Set;

/** The languages a session's editor can be set to (those the question bank has starter code for). */
public final class Languages {
  public static final Set<String> ALL = Set.of("python", "java", "javascript", "cpp");

  private Languages() {
  }

  public static boolean valid(Object value) {
    return value instanceof String s && ALL.contains(s);
  }

  public static String require(Object value) {
    if (!valid(value)) {
      throw ApiException.badRequest("The field 'language' must be one of " + String.join(", ", ALL.stream().sorted().toList()) + ".");
    }
    return (String) value;
  }
}
