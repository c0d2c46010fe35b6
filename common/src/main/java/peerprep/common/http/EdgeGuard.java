package peerprep.common.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.text.StorableText;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks every request passes before it is routed or its body read: a path that cannot climb out of
 * the public prefix (no dot segments, however encoded, no encoded slash or backslash, no double
 * encoding, no NUL), a query string that decodes to storable text, and no form or multipart body, which
 * no route accepts (so the form decoder never runs on them).
 */
final class EdgeGuard {
  private static final Pattern DOUBLE_ENCODED = Pattern.compile("%25[0-9a-f]{2}");

  private EdgeGuard() {
  }

  static void check(RoutingContext ctx) {
    String refusal = pathRefusal(ctx.request().path());
    if (refusal != null) {
      throw ApiException.badRequest(refusal);
    }
    checkQuery(ctx);
    HttpMethod method = ctx.request().method();
    boolean carriesBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
      || method == HttpMethod.DELETE;
    if (carriesBody && isForm(mediaType(ctx.request().getHeader("Content-Type")))) {
      throw new ApiException(415, "Unsupported Media Type",
        "This API does not accept form or multipart bodies: send the body as application/json, or an image upload as its raw bytes.");
    }
    ctx.next();
  }

  /** Why the raw request path is refused, or null when it may be routed. */
  static String pathRefusal(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return "The request path must start with '/'.";
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%00")) {
      return "The request path contains an encoded NUL character.";
    }
    if (lower.contains("%2f") || lower.contains("%5c") || rawPath.indexOf('\\') >= 0) {
      return "The request path contains an encoded slash or a backslash.";
    }
    if (DOUBLE_ENCODED.matcher(lower).find()) {
      return "The request path is percent-encoded twice.";
    }
    for (String segment : decodeUnreserved(rawPath).split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return "The request path contains a '.' or '..' segment.";
      }
    }
    return null;
  }

  /** The path with the percent-encodings of unreserved characters (letters, digits, -._~) decoded. */
  static String decodeUnreserved(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        int value = hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2));
        if (value >= 0 && unreserved((char) value)) {
          out.append((char) value);
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static int hex(char c) {
    int d = Character.digit(c, 16);
    return d < 0 ? -1000 : d;
  }

  private static boolean unreserved(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static void checkQuery(RoutingContext ctx) {
    if (ctx.request().query() == null) {
      return;
    }
    MultiMap params;
    try {
      params = ctx.queryParams();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("The query string is not valid percent-encoded UTF-8.");
    }
    for (Map.Entry<String, String> p : params) {
      if (!StorableText.storable(p.getKey()) || !StorableText.storable(p.getValue())) {
        throw ApiException.badRequest("The query parameter '" + printable(p.getKey())
          + "' contains a NUL character or an unpaired surrogate, which cannot be stored.");
      }
    }
  }

  private static String printable(String s) {
    return s.replace('\u0000', '?');
  }

  /** The media type of a Content-Type header, lower case without parameters; null when absent. */
  static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isForm(String mediaType) {
    return mediaType != null && (mediaType.startsWith("multipart/") || mediaType.equals("application/x-www-form-urlencoded"));
  }
}
