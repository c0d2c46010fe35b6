package peerprep.user;

import peerprep.common.http.ApiException;

import java.util.Locale;

/** The strength rules a new password must meet; each refusal says which rule and how to meet it. */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 128;

  private PasswordPolicy() {
  }

  public static void check(String password, String username, String email) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      throw ApiException.badRequest("The password must be at least " + MIN_LENGTH + " characters long.");
    }
    if (length > MAX_LENGTH) {
      throw ApiException.badRequest("The password must be at most " + MAX_LENGTH + " characters long.");
    }
    if (classes(password) < 2) {
      throw ApiException.badRequest("The password must mix at least two kinds of characters: "
        + "lower-case letters, upper-case letters, digits, or symbols.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (lower.equals(username.toLowerCase(Locale.ROOT)) || lower.equals(email.toLowerCase(Locale.ROOT))) {
      throw ApiException.badRequest("The password must not be your username or your email address.");
    }
  }

  private static int classes(String password) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    for (int cp : password.codePoints().toArray()) {
      if (Character.isLowerCase(cp)) {
        lower = true;
      } else if (Character.isUpperCase(cp)) {
        upper = true;
      } else if (Character.isDigit(cp)) {
        digit = true;
      } else {
        other = true;
      }
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }
}
