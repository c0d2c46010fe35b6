package peerprep.common.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import peerprep.common.text.StorableText;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates one operation's request against the document: path and query parameters, headers and the JSON
 * body, after the rule no schema states (every string and key of the body storable by PostgreSQL). Path
 * parameters are taken from the route, which also matches under the public prefix; a body sent without a
 * Content-Type is read as JSON, as it always was. The validated request is kept for the action.
 */
final class ContractRequest implements Handler<RoutingContext> {
  private static final Pattern WHOLE = Pattern.compile("\\s*[+-]?[0-9]{1,18}\\s*");
  private final RequestValidator validator;
  private final OpenAPIContract contract;
  private final Operation operation;

  ContractRequest(Vertx vertx, OpenAPIContract contract, Operation operation) {
    this.validator = RequestValidator.create(vertx, contract);
    this.contract = contract;
    this.operation = operation;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (operation.getParameters().isEmpty() && operation.getRequestBody() == null) {
      ctx.next();
      return;
    }
    String declared = EdgeGuard.mediaType(ctx.request().getHeader("Content-Type"));
    if (operation.getRequestBody() != null && declared != null && !declared.equals("application/json")
      && !declared.endsWith("+json")) {
      ctx.fail(new ApiException(415, "Unsupported Media Type", "Send the body as application/json, not " + declared + "."));
      return;
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    ApiException unstorable = unstorable(body);
    if (unstorable != null) {
      ctx.fail(unstorable);
      return;
    }
    Future.succeededFuture((ValidatableRequest) new Extracted(parameters(ctx, Location.HEADER),
        parameters(ctx, Location.PATH), parameters(ctx, Location.QUERY),
        new Value(body == null || body.length() == 0 ? null : body), contentType(ctx)))
      .compose(request -> validator.validate(request, operation.getOperationId()))
      .onSuccess(validated -> accept(ctx, validated))
      .onFailure(e -> ctx.fail(e instanceof ValidatorException v ? ValidationProblem.of(v, contract, operation, given(ctx, body)) : e));
  }

  private void accept(RoutingContext ctx, ValidatedRequest validated) {
    ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
    ctx.next();
  }

  /**
   * A 400 naming the first string or key of a JSON body that PostgreSQL could not store, checked before the
   * schema so the detail names it whatever else is wrong. JSON can carry a NUL or a lone surrogate only as a backslash-u
   * escape, so bodies without one are not parsed twice.
   */
  private static ApiException unstorable(Buffer body) {
    if (body == null || body.length() == 0 || !body.toString().contains("\\u")) {
      return null;
    }
    Object json;
    try {
      json = Json.decodeValue(body);
    } catch (DecodeException e) {
      return null;
    }
    String refused = StorableText.findInJson(json, "");
    return refused == null ? null : new ApiException(400, "Bad Request", refused, new JsonObject().put("field", refusedPath(json, "")));
  }

  /** The JSON path of the first string or field name PostgreSQL could not store, or null when there is none. */
  private static String refusedPath(Object json, String path) {
    if (json instanceof String s) {
      return StorableText.storable(s) ? null : path;
    }
    if (json instanceof JsonObject object) {
      for (Map.Entry<String, Object> e : object) {
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        String found = StorableText.storable(e.getKey()) ? refusedPath(e.getValue(), child) : child;
        if (found != null) {
          return found;
        }
      }
    } else if (json instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String found = refusedPath(array.getValue(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * The operation's parameters of one kind, as sent. vertx-openapi reads a parameter that is not a plain word
   * as JSON, so every text is handed over as a JSON string literal: a search for {@code [1]} or {@code "x}
   * stays as sent. Repeated query parameters are handed over as vertx-openapi's form style expects.
   */
  private Map<String, RequestParameter> parameters(RoutingContext ctx, Location in) {
    Map<String, RequestParameter> out = new HashMap<>();
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getIn() != in) {
        continue;
      }
      String name = parameter.getName();
      List<String> values = switch (in) {
        case PATH -> ctx.pathParam(name) == null ? List.of() : List.of(ctx.pathParam(name));
        case HEADER -> ctx.request().headers().getAll(name);
        default -> ctx.queryParam(name);
      };
      boolean absent = values.isEmpty() || parameter.getSchemaType() != SchemaType.STRING && values.get(0).isBlank();
      out.put(name, new Value(absent ? null : value(parameter, values)));
    }
    return out;
  }

  /**
   * A parameter's text as vertx-openapi reads it. A string is handed over as a JSON string literal, so a
   * search for {@code [1]} stays as sent; a whole number is read as written in decimal ({@code 05} is 5),
   * and anything else given for one ({@code 5.0}, {@code ten}) as text, which its type refuses.
   */
  private static String value(Parameter parameter, List<String> values) {
    if (parameter.getSchemaType() == SchemaType.ARRAY) {
      return parameter.isExplode() && parameter.getIn() == Location.QUERY
        ? values.stream().map(v -> parameter.getName() + "=" + v).collect(Collectors.joining("&"))
        : values.get(0);
    }
    String raw = values.get(0);
    return switch (parameter.getSchemaType()) {
      case STRING -> Json.encode(raw);
      case INTEGER -> WHOLE.matcher(raw).matches() ? Long.toString(Long.parseLong(raw.strip())) : Json.encode(raw);
      default -> raw;
    };
  }

  /** What was sent: a parameter by its name, a body value by its JSON pointer ({@code #/userIds/0}). */
  private static Function<String, Object> given(RoutingContext ctx, Buffer body) {
    return name -> {
      if (!name.startsWith("#")) {
        String value = ctx.pathParam(name);
        return value != null ? value : ctx.queryParams().get(name);
      }
      Object at;
      try {
        at = body == null ? null : Json.decodeValue(body);
      } catch (DecodeException e) {
        return null;
      }
      for (String part : name.replaceFirst("^#/?", "").split("/")) {
        if (part.isEmpty()) {
          continue;
        }
        at = at instanceof JsonObject o ? o.getValue(part) : at instanceof JsonArray a && part.matches("\\d+")
          && Integer.parseInt(part) < a.size() ? a.getValue(Integer.parseInt(part)) : null;
      }
      return at;
    };
  }

  private static String contentType(RoutingContext ctx) {
    String declared = ctx.request().getHeader("Content-Type");
    return declared == null || declared.isBlank() ? "application/json" : declared;
  }

  private record Value(Object get) implements RequestParameter {
  }

  /** A request as vertx-openapi validates it: its parameters by kind, its body and the body's media type. */
  private record Extracted(Map<String, RequestParameter> getHeaders, Map<String, RequestParameter> getPathParameters,
                          Map<String, RequestParameter> getQuery, RequestParameter getBody, String getContentType)
    implements ValidatableRequest {
    @Override
    public Map<String, RequestParameter> getCookies() {
      return Map.of();
    }
  }
}
