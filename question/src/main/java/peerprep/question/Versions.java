package peerprep.question;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.http.ApiException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version an edit was made to, from {@code If-Match} or the body's {@code version}. */
final class Versions {
  private static final Pattern TAG = Pattern.compile("(?:W/)?\"?(\\d{1,9})\"?");

  private Versions() {
  }

  static String etag(int version) {
    return "\"" + version + "\"";
  }

  static int expected(RoutingContext ctx, JsonObject body) {
    Integer fromHeader = header(ctx.request().getHeader("If-Match"));
    Integer fromBody = body.getInteger("version");
    if (fromHeader == null && fromBody == null) {
      throw new ApiException(428, "Precondition Required", "Send the version you edited, either as the header"
        + " 'If-Match: \"3\"' (the ETag of the question you loaded) or as \"version\": 3 in the body.");
    }
    if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
      throw ApiException.badRequest("If-Match names version " + fromHeader + " but the body says version " + fromBody
        + "; send one, or the same in both.");
    }
    return fromHeader != null ? fromHeader : fromBody;
  }

  private static Integer header(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = TAG.matcher(value.trim());
    if (!m.matches()) {
      throw ApiException.badRequest("If-Match must hold one question version such as \"3\", not '" + value + "'.");
    }
    return Integer.parseInt(m.group(1));
  }
}
