package peerprep.common.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.TreeSet;

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

  /**
   * "METHOD /path/{param}" for every API route registered by hand at the root of the router
   * ({@link ServiceRouter#createUnvalidated}); routes built from the document match it by construction.
   */
  public static Set<String> routes(Router router) {
    Set<String> out = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || ContractSource.INFRA.contains(path) || path.endsWith("-api/")) {
        continue;
      }
      String templated = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod m : route.methods()) {
        out.add(m.name() + " " + templated);
      }
    }
    return out;
  }

  /** "METHOD /path/{param}" for every operation the document describes (WebSocket GETs included). */
  public static Set<String> documented(JsonObject doc) {
    Set<String> out = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      if (ContractSource.INFRA.contains(path)) {
        continue;
      }
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
          out.add(method.toUpperCase() + " " + path);
        }
      }
    }
    return out;
  }
}
