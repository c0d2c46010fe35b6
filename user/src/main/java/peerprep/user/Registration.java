package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.Set;
import java.util.regex.Pattern;

/** A sign-up request, validated: username, email, password, and optionally the profile fields. */
public record Registration(String username, String email, String password, String displayName, String preferredLanguage) {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
  private static final Pattern EMAIL = Pattern.compile(
    "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
      + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  static final Set<String> FIELDS = Set.of("username", "email", "password", "displayName", "preferredLanguage");

  public static Registration fromJson(JsonObject body) {
    Fields.onlyKnown(body, FIELDS);
    String username = username(Bodies.requiredString(body, "username"));
    String email = email(Bodies.requiredString(body, "email"));
    String password = Bodies.requiredString(body, "password");
    PasswordPolicy.check(password, username, email);
    return new Registration(username, email, password,
      ProfileChanges.displayName(Bodies.optionalString(body, "displayName")),
      ProfileChanges.language(Bodies.optionalString(body, "preferredLanguage")));
  }

  static String username(String raw) {
    String v = raw.trim();
    if (!USERNAME.matcher(v).matches()) {
      throw ApiException.badRequest("The username must be 3 to 32 characters of letters, digits, '_', '.' or '-'.");
    }
    return v;
  }

  static String email(String raw) {
    String v = raw.trim();
    int at = v.indexOf('@');
    if (v.length() > 254 || at < 1 || at > 64 || !EMAIL.matcher(v).matches()) {
      throw ApiException.badRequest("The email must be an address such as ada@example.com.");
    }
    return v;
  }
}
