package peerprep.common.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import peerprep.common.health.Health;

import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a service's root router: access log, the request deadline, the edge checks (no path that climbs
 * out of the public prefix, no form bodies, storable query strings), body limits, the API answered both at
 * the root and under the public prefix ({@code /question-service-api}) except its {@code /internal/} routes,
 * which answer at the root only, {@code /health}, {@code /health/live}, {@code /metrics} (root only),
 * {@code /openapi.json}, and problem+json for every failure including unknown paths and methods. Serve it
 * with {@link ServiceServer}.
 */
public final class ServiceRouter {
  private ServiceRouter() {
  }

  /**
   * @param service   the service name, e.g. {@code question-service}; its public prefix is {@code /<service>-api}
   * @param bodyLimit the largest request body any route accepts, in bytes
   * @param health    the {@code /health} handler
   * @param openApi   the classpath resource of the OpenAPI document, e.g. {@code openapi/question.json}; every
   *                  route of the API is one of its operations ({@link ContractRouter})
   * @param api       binds a handler chain to every operation of the document
   */
  public static Future<Router> create(Vertx vertx, String service, long bodyLimit, Handler<RoutingContext> health,
                                      String openApi, Consumer<ContractRouter> api) {
    return ContractRouter.load(vertx, openApi).map(contract -> {
      api.accept(contract);
      Router built = contract.createRouter();
      installErrors(built);
      return assemble(vertx, service, bodyLimit, health, contract.document(), built, contract.createRouter());
    });
  }

  private static Router assemble(Vertx vertx, String service, long bodyLimit, Handler<RoutingContext> health,
                                 JsonObject openApi, Router api, Router prefixed) {
    Router root = Router.router(vertx);
    root.route().handler(new AccessLog(service));
    RequestDeadline deadline = new RequestDeadline(vertx);
    root.putMetadata(RequestDeadline.METADATA, deadline);
    root.route().handler(deadline);
    root.route().handler(EdgeGuard::check);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit).setHandleFileUploads(false);
    root.route().handler(ctx -> {
      HttpMethod m = ctx.request().method();
      if (m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE) {
        body.handle(ctx);
      } else {
        ctx.next();
      }
    });
    // Metrics answer at the root only: the public prefix is what nginx and the load balancer forward.
    if (vertx.isMetricsEnabled()) {
      root.get("/metrics").handler(PrometheusScrapingHandler.create());
    }
    Handler<RoutingContext> document = OpenApi.serve(openApi);
    for (Router r : new Router[]{root, prefixed}) {
      r.get(Health.LIVE_PATH).handler(Health::live);
      r.get("/health").handler(health);
      r.get("/openapi.json").handler(document);
    }
    // Service-to-service routes answer at the root only: the public prefix is what nginx and the ALB forward.
    for (Route route : List.copyOf(prefixed.getRoutes())) {
      String path = route.getPath();
      if (path != null && (path.equals("/internal") || path.startsWith("/internal/"))) {
        route.remove();
      }
    }
    root.route("/" + service + "-api/internal/*").handler(ctx -> Problems.handle(ctx, 404));
    root.route("/" + service + "-api/*").subRouter(prefixed);
    root.route("/*").subRouter(api);
    installErrors(root);
    installErrors(prefixed);
    return root;
  }

  private static void installErrors(Router router) {
    router.route().failureHandler(Problems::handle);
    for (int status : new int[]{400, 401, 403, 404, 405, 413, 414, 415, 431}) {
      router.errorHandler(status, ctx -> Problems.handle(ctx, status));
    }
    router.errorHandler(500, Problems::handle);
  }
}
