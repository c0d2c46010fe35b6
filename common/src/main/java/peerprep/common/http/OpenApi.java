package peerprep.common.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads and serves a service's OpenAPI document, the one its routes are built from ({@link ContractRouter}). */
public final class OpenApi {
  private OpenApi() {
  }

  /** The document at a classpath resource such as {@code openapi/question.json}. */
  public static JsonObject load(String resource) {
    return ContractSource.read(resource);
  }

  /** Serves the document as {@code application/json}. */
  public static Handler<RoutingContext> serve(JsonObject document) {
    String doc = document.encode();
    return ctx -> ctx.response().putHeader("Content-Type", "application/json").end(doc);
  }
}
