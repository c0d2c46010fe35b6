package peerprep.common.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.db.LockConflicts;

/**
 * The one failure handler: every error leaves a service as {@code application/problem+json}.
 * Client errors carry a detail; server errors are logged once and answered without internals; a
 * transaction the database undid for a concurrent one is a 503 to resend ({@link LockConflicts}). A request
 * that breaks the service's OpenAPI document is a 400 naming the field and the rule ({@link ContractRouter}).
 */
public final class Problems {
  /** The detail of a 404 for a path no route matches (a route's own 404s say what they did not find). */
  public static final String NO_ROUTE = "No resource exists at this path.";
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  public static void handle(RoutingContext ctx) {
    handle(ctx, ctx.statusCode());
  }

  /** Handles a failure whose status the router already knows (unknown path, wrong method...). */
  public static void handle(RoutingContext ctx, int status) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      send(ctx, api.status(), api.title(), api.getMessage(), api.extra());
    } else if (failure instanceof ValidatorException invalid) {
      send(ctx, 400, "Bad Request", "The request does not match this endpoint's OpenAPI document: " + invalid.getMessage(), null);
    } else if (failure instanceof DecodeException || failure instanceof IllegalArgumentException && status < 0) {
      send(ctx, 400, "Bad Request", "The request body is not valid JSON: " + failure.getMessage(), null);
    } else if (failure instanceof HttpException http && http.getStatusCode() < 500) {
      send(ctx, http.getStatusCode(), reason(http.getStatusCode()), detailFor(http.getStatusCode(), http.getPayload()), null);
    } else if (LockConflicts.lost(failure)) {
      LOG.warn("{} {} lost a lock conflict in the database; answered 503", ctx.request().method(), ctx.request().path());
      ApiException retry = LockConflicts.retry("A concurrent change held what this request needed, and the database"
        + " undid it. Send the same request again.");
      send(ctx, retry.status(), retry.title(), retry.getMessage(), retry.extra());
    } else if (failure == null && status >= 400 && status < 500) {
      send(ctx, status, reason(status), detailFor(status, null), null);
    } else {
      LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      send(ctx, 500, "Internal Server Error", "The server could not complete the request. It has been logged.", null);
    }
  }

  public static void send(RoutingContext ctx, int status, String title, String detail, JsonObject extra) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    JsonObject body = new JsonObject()
      .put("type", "about:blank")
      .put("title", title)
      .put("status", status)
      .put("detail", detail)
      .put("instance", ctx.request().path());
    if (extra != null) {
      body.mergeIn(extra);
      if (extra.containsKey("retryAfter")) {
        response.putHeader("Retry-After", String.valueOf(extra.getValue("retryAfter")));
      }
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    if (status == 405 && ctx.get("allowedMethods") != null) {
      response.putHeader("Allow", ctx.<String>get("allowedMethods"));
    }
    response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(body.encode());
  }

  /**
   * Answers a request that never reached a router (the HTTP decoder refused it) with a problem, and closes
   * its connection: what follows a request the decoder could not read cannot be trusted either.
   */
  public static void write(HttpServerRequest request, int status, String title, String detail) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    String body = new JsonObject()
      .put("type", "about:blank")
      .put("title", title)
      .put("status", status)
      .put("detail", detail)
      .encode();
    response.setStatusCode(status)
      .putHeader("Content-Type", CONTENT_TYPE)
      .putHeader("Connection", "close")
      .end(body)
      .onComplete(done -> request.connection().close());
  }

  static String reason(int status) {
    return HttpResponseStatus.valueOf(status).reasonPhrase();
  }

  private static String detailFor(int status, String payload) {
    if (payload != null && !payload.isBlank() && !payload.equals(reason(status))) {
      return payload;
    }
    return switch (status) {
      case 404 -> NO_ROUTE;
      case 405 -> "This path does not accept that HTTP method.";
      case 413 -> "The request body is larger than this endpoint accepts.";
      case 415 -> "Send the body as application/json.";
      case 401 -> "Sign in and send the access token as 'Authorization: Bearer <token>'.";
      default -> "The request could not be processed.";
    };
  }
}
