package peerprep.user;

import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.Set;
import java.util.regex.Pattern;

/** A sign-up request, validated: username, email, password, and optionally the profile fields. */
public record Registration(String username, String email, String password, String displayName, String preferredLanguage) {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
  private static final Pattern EMAIL = Pattern.compile(
    "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
      + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  public static Registration fromJson(JsonObject body) {
    String username = username(body.getString("username"));
    String email = email(body.getString("email"));
    String password = body.getString("password");
    PasswordPolicy.check(password, username, email);
    return new Registration(username, email, password,
      ProfileChanges.displayName(body.getString("displayName")),
      body.getString("preferredLanguage"));
  }

  static String username(String raw) {
    String v = raw.trim();
    if (!USERNAME.matcher(v).matches()) {
      throw ApiException.badRequest("The field 'username' must be 3 to 32 characters of letters, digits, '_', '.' or '-'.");
    }
    return v;
  }

  static String email(String raw) {
    String v = raw.trim();
    int at = v.indexOf('@');
    if (v.length() > 254 || at < 1 || at > 64 || !EMAIL.matcher(v).matches()) {
      throw ApiException.badRequest("The field 'email' must be an email address such as ada@example.com.");
    }
    return v;
  }
}
