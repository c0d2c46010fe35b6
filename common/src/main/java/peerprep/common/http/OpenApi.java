package peerprep.common.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** Serves a service's OpenAPI document and compares it with the routes the router really has. */
public final class OpenApi {
  private static final Set<String> INFRA = Set.of("/health", "/health/live", "/metrics", "/openapi.json");

  private OpenApi() {
  }

  public static JsonObject load(String resource) {
    try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("OpenAPI document " + resource + " is not on the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Handler<RoutingContext> serve(String resource) {
    String doc = load(resource).encode();
    return ctx -> ctx.response().putHeader("Content-Type", "application/json").end(doc);
  }

  /** "METHOD /path/{param}" for every API route registered at the root of the router. */
  public static Set<String> routes(Router router) {
    Set<String> out = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || INFRA.contains(path) || path.endsWith("-api/")) {
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
      if (INFRA.contains(path)) {
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
