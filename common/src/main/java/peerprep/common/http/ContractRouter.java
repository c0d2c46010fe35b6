package peerprep.common.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import peerprep.common.ids.Uuids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A service's routes built from its OpenAPI document: every operation of the document becomes a route
 * (by vertx-web-openapi-router), and every route is an operation of the document, so the two cannot drift.
 * A service binds a handler chain to each operation by its {@code operationId}:
 * <ul>
 *   <li>{@link #on}: guards (authentication, roles, rate limits) run first, then the request's parameters
 *   and JSON body are validated against the document (vertx-openapi), then the action. A request that
 *   breaks the schema is a 400 problem whose detail names the field and the rule.</li>
 *   <li>{@link #plain}: the chain runs unvalidated, for WebSocket upgrades and bodies that are not JSON
 *   (an image's bytes), whose handlers check their input themselves. The document says so: such an
 *   operation carries {@code x-unvalidated} with the reason.</li>
 * </ul>
 * {@link #createRouter()} refuses to build while an operation has no handler.
 */
public final class ContractRouter {
  /** The operation extension that marks, with its reason, an operation whose handlers check their own input. */
  public static final String UNVALIDATED = "x-unvalidated";
  private final Vertx vertx;
  private final JsonObject document;
  private final OpenAPIContract contract;
  private final Map<String, List<Handler<RoutingContext>>> bindings = new LinkedHashMap<>();
  private RouterBuilder builder;

  private ContractRouter(Vertx vertx, JsonObject document, OpenAPIContract contract) {
    this.vertx = vertx;
    this.document = document;
    this.contract = contract;
  }

  /** Reads the document from the classpath resource (e.g. {@code openapi/question.json}) and parses it. */
  public static Future<ContractRouter> load(Vertx vertx, String resource) {
    JsonObject document = ContractSource.read(resource);
    return OpenAPIContract.from(vertx, ContractSource.routable(document))
      .map(contract -> new ContractRouter(vertx, document, contract));
  }

  /** The document as written, which {@code /openapi.json} serves. */
  public JsonObject document() {
    return document;
  }

  /** The parsed contract the routes and their validation come from. */
  public OpenAPIContract contract() {
    return contract;
  }

  /** Binds guards and then the action to an operation whose input is validated between the two. */
  @SafeVarargs
  public final ContractRouter on(String operationId, Handler<RoutingContext>... chain) {
    Operation operation = operation(operationId);
    if (operation.getExtensions().containsKey(UNVALIDATED)) {
      throw new IllegalStateException("The operation " + operationId + " is marked " + UNVALIDATED + "; bind it with plain()");
    }
    List<Handler<RoutingContext>> handlers = new ArrayList<>(List.of(chain));
    handlers.add(handlers.size() - 1, new ContractRequest(vertx, contract, operation));
    return bind(operationId, handlers);
  }

  /** Binds a chain to an operation whose input its handlers check themselves (sockets, binary bodies). */
  @SafeVarargs
  public final ContractRouter plain(String operationId, Handler<RoutingContext>... chain) {
    if (!operation(operationId).getExtensions().containsKey(UNVALIDATED)) {
      throw new IllegalStateException("The operation " + operationId + " is validated from the document;"
        + " mark it " + UNVALIDATED + " with the reason, or bind it with on()");
    }
    return bind(operationId, List.of(chain));
  }

  /** A new router with one route per operation; call it once per mount point. */
  public Router createRouter() {
    if (builder == null) {
      TreeSet<String> unbound = new TreeSet<>();
      contract.operations().forEach(op -> {
        if (!bindings.containsKey(op.getOperationId())) {
          unbound.add(op.getOperationId());
        }
      });
      if (!unbound.isEmpty()) {
        throw new IllegalStateException("The OpenAPI document has operations without a handler: " + unbound);
      }
      builder = RouterBuilder.create(vertx, contract);
      bindings.forEach((id, chain) -> {
        OpenAPIRoute route = builder.getRoute(id).setDoValidation(false).setDoSecurity(false);
        chain.forEach(route::addHandler);
      });
    }
    return builder.createRouter();
  }

  /** The JSON object body that passed validation, or null when the operation's body is optional and absent. */
  public static JsonObject body(RoutingContext ctx) {
    ValidatedRequest validated = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    if (validated == null || validated.getBody() == null || validated.getBody().isNull()) {
      return null;
    }
    return validated.getBody().getJsonObject();
  }

  /** A path parameter the document declares as a UUID, or a 400 naming it when it is not one. */
  public static UUID uuid(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    try {
      return Uuids.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "Bad Request", "The path parameter '" + name + "' is not a valid id: '" + value + "'.",
        new JsonObject().put("parameter", name));
    }
  }

  /** A validated whole-number query parameter, or the fallback when it is absent. */
  public static int intQuery(RoutingContext ctx, String name, int fallback) {
    ValidatedRequest validated = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    RequestParameter value = validated == null ? null : validated.getQuery().get(name);
    return value == null || value.isNull() ? fallback : value.getInteger();
  }

  private Operation operation(String operationId) {
    Operation operation = contract.operation(operationId);
    if (operation == null) {
      throw new IllegalArgumentException("The OpenAPI document has no operation " + operationId);
    }
    if (bindings.containsKey(operationId)) {
      throw new IllegalStateException("The operation " + operationId + " is bound twice");
    }
    return operation;
  }

  private ContractRouter bind(String operationId, List<Handler<RoutingContext>> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("The operation " + operationId + " needs a handler");
    }
    bindings.put(operationId, List.copyOf(chain));
    return this;
  }
}
