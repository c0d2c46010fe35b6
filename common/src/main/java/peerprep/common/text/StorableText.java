package peerprep.common.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import peerprep.common.http.ApiException;

import java.util.Map;

/**
 * The one rule for text that PostgreSQL must be able to store: no NUL character (PostgreSQL text
 * refuses U+0000) and no unpaired UTF-16 surrogate (it has no UTF-8 encoding, so it would be stored as
 * a replacement character and the text silently changed). Every service applies it at its edge, to
 * request bodies and to WebSocket frames, so nothing that would fail later is ever accepted.
 */
public final class StorableText {
  private StorableText() {
  }

  /** The index of the first character that cannot be stored, or -1 when the whole text can be. */
  public static int firstRefused(CharSequence text) {
    if (text == null) {
      return -1;
    }
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether PostgreSQL can store the text exactly as it is. */
  public static boolean storable(CharSequence text) {
    return firstRefused(text) < 0;
  }

  /** The text itself, or a 400 naming the field and the position of the first refused character. */
  public static String require(String field, String text) {
    int at = firstRefused(text);
    if (at >= 0) {
      throw ApiException.badRequest(describe(field, text, at));
    }
    return text;
  }

  /**
   * Checks every string and every key in a JSON tree, or throws a 400 naming the JSON path of the
   * first one that cannot be stored.
   */
  public static void requireJson(Object json) {
    String problem = findInJson(json, "");
    if (problem != null) {
      throw ApiException.badRequest(problem);
    }
  }

  /** A sentence naming the first value in a JSON tree that cannot be stored, or null when all can be. */
  public static String findInJson(Object json, String path) {
    if (json instanceof String s) {
      int at = firstRefused(s);
      return at < 0 ? null : describe(path.isEmpty() ? "body" : path, s, at);
    }
    if (json instanceof JsonObject object) {
      for (Map.Entry<String, Object> e : object) {
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        int at = firstRefused(e.getKey());
        if (at >= 0) {
          return "The field name '" + printable(e.getKey()) + "' contains " + name(e.getKey().charAt(at)) + ", which cannot be stored.";
        }
        String found = findInJson(e.getValue(), child);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (json instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String found = findInJson(array.getValue(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String describe(String field, String text, int at) {
    return "The field '" + field + "' contains " + name(text.charAt(at)) + " at position " + at + ", which cannot be stored.";
  }

  private static String name(char c) {
    if (c == '\u0000') {
      return "a NUL character (U+0000)";
    }
    return String.format("an unpaired surrogate (U+%04X)", (int) c);
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> b.append(cp == 0 || Character.isSurrogate((char) cp) && cp <= 0xFFFF ? "?" : new String(Character.toChars(cp))));
    return b.toString();
  }
}
