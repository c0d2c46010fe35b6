package peerprep.common.http;

import io.vertx.core.json.JsonObject;

/**
 * An error a client caused or must know about, answered as {@code application/problem+json}
 * (RFC 9457) with its status, a short title and a detail a person can act on.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String title;
  private final JsonObject extra;

  public ApiException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public ApiException(int status, String title, String detail, JsonObject extra) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.extra = extra;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public JsonObject extra() {
    return extra;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "Bad Request", detail);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "Unauthorized", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "Not Found", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "Conflict", detail);
  }

  public static ApiException preconditionFailed(String detail) {
    return new ApiException(412, "Precondition Failed", detail);
  }

  public static ApiException tooLarge(String detail) {
    return new ApiException(413, "Content Too Large", detail);
  }

  public static ApiException unprocessable(String detail) {
    return new ApiException(422, "Unprocessable Content", detail);
  }

  public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ApiException(429, "Too Many Requests", detail, new JsonObject().put("retryAfter", retryAfterSeconds));
  }

  public static ApiException unavailable(String detail) {
    return new ApiException(503, "Service Unavailable", detail);
  }
}
