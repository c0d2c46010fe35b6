package peerprep.common.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import peerprep.common.http.OpenApi;
import peerprep.common.http.Problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Walks every operation of a running service's OpenAPI document and proves its input is validated from it:
 * each operation answers under the public prefix (so the route exists), and for each, one request per rule
 * that can be broken (a required body field left out, a body field or a parameter of the wrong type, a
 * parameter outside its limits, a body that is not an object) is a 400 problem+json whose detail names the
 * field or parameter. Operations marked {@code x-unvalidated} (WebSocket upgrades, binary bodies) are
 * only checked to exist. The caller supplies headers that get past authentication.
 */
public final class ContractProbe {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final Set<String> INFRA = Set.of("/health", "/health/live", "/metrics", "/openapi.json");
  private final WebClient client;
  private final JsonObject document;
  private final MultiMap headers;
  private final String prefix;
  private final List<String> findings = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<String> operations = new ArrayList<>();

  private ContractProbe(Vertx vertx, int port, String service, String resource, MultiMap headers) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.document = OpenApi.load(resource);
    this.headers = headers;
    this.prefix = "/" + service + "-api";
  }

  /** What the walk found: the operations walked, each violation sent, and one sentence per wrong answer. */
  public record Report(List<String> operations, List<String> violations, List<String> findings) {
  }

  public static Report probe(Vertx vertx, int port, String service, String resource, MultiMap headers) {
    ContractProbe probe = new ContractProbe(vertx, port, service, resource, headers);
    try {
      probe.run();
    } finally {
      probe.client.close();
    }
    return new Report(List.copyOf(probe.operations), List.copyOf(probe.violations), List.copyOf(probe.findings));
  }

  private void run() {
    JsonObject paths = document.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      if (INFRA.contains(template)) {
        continue;
      }
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          walk(template, HttpMethod.valueOf(method.toUpperCase()), item.getJsonObject(method), item.getJsonArray("parameters", new JsonArray()));
        }
      }
    }
  }

  private void walk(String template, HttpMethod method, JsonObject operation, JsonArray shared) {
    String name = operation.getString("operationId", method + " " + template);
    operations.add(name);
    List<JsonObject> parameters = new ArrayList<>();
    shared.forEach(p -> parameters.add(resolve((JsonObject) p)));
    operation.getJsonArray("parameters", new JsonArray()).forEach(p -> parameters.add(resolve((JsonObject) p)));
    JsonObject schema = bodySchema(operation);
    JsonObject body = schema == null ? null : Samples.of(this::resolve, schema);
    Request valid = new Request(method, template, parameters, body, schema);
    if (!template.startsWith("/internal/")) {
      HttpResponse<Buffer> r = valid.withPrefix(prefix).send();
      if (r.statusCode() == 404 && Problems.NO_ROUTE.equals(detail(r)) || r.statusCode() == 405) {
        findings.add(name + " has no route under the public prefix: " + r.statusCode() + " " + r.bodyAsString());
      }
    }
    if (operation.containsKey("x-unvalidated")) {
      return;
    }
    for (JsonObject parameter : parameters) {
      String bad = Samples.violating(resolve(parameter.getJsonObject("schema", new JsonObject())), this::resolve);
      if (bad != null) {
        expect(name + " with " + parameter.getString("in") + " parameter " + parameter.getString("name") + "=" + bad,
          valid.withParameter(parameter.getString("name"), bad).send(), parameter.getString("name"));
      }
    }
    if (schema == null) {
      return;
    }
    expect(name + " with a JSON array as its body", valid.withBody(new JsonArray().add(1).toBuffer()).send(), "request body");
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (Object required : schema.getJsonArray("required", new JsonArray())) {
      JsonObject without = body.copy();
      without.remove((String) required);
      expect(name + " without '" + required + "'", valid.withBody(without.toBuffer()).send(), "'" + required + "'");
    }
    for (Map.Entry<String, Object> property : properties) {
      Object wrong = Samples.wrongType(resolve((JsonObject) property.getValue()), this::resolve);
      if (wrong != null) {
        JsonObject with = body.copy().put(property.getKey(), wrong);
        expect(name + " with '" + property.getKey() + "' = " + wrong, valid.withBody(with.toBuffer()).send(), "'" + property.getKey() + "'");
      }
    }
  }

  private void expect(String what, HttpResponse<Buffer> r, String named) {
    violations.add(what);
    String type = r.getHeader("Content-Type");
    if (r.statusCode() != 400) {
      findings.add(what + " was answered " + r.statusCode() + " instead of 400: " + r.bodyAsString());
    } else if (type == null || !type.startsWith("application/problem+json")) {
      findings.add(what + " was answered with Content-Type " + type + ", not a problem");
    } else if (!detail(r).contains(named)) {
      findings.add(what + " was answered with a detail that does not name " + named + ": " + detail(r));
    }
  }

  private JsonObject bodySchema(JsonObject operation) {
    JsonObject body = operation.getJsonObject("requestBody");
    if (body == null) {
      return null;
    }
    JsonObject json = resolve(body).getJsonObject("content", new JsonObject()).getJsonObject("application/json");
    return json == null ? null : resolve(json.getJsonObject("schema", new JsonObject()));
  }

  JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return resolve(target);
  }

  private static String detail(HttpResponse<Buffer> r) {
    try {
      return r.bodyAsJsonObject().getString("detail", "");
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** One request to an operation: valid parameters and body unless one is replaced by a violation. */
  private final class Request {
    private final HttpMethod method;
    private final String template;
    private final List<JsonObject> parameters;
    private final Map<String, String> values = new java.util.LinkedHashMap<>();
    private Buffer body;
    private String pathPrefix = "";

    Request(HttpMethod method, String template, List<JsonObject> parameters, JsonObject body, JsonObject schema) {
      this.method = method;
      this.template = template;
      this.parameters = parameters;
      this.body = body == null ? null : body.toBuffer();
      for (JsonObject p : parameters) {
        if (p.getBoolean("required", false) || "path".equals(p.getString("in"))) {
          values.put(p.getString("name"), Samples.valid(resolve(p.getJsonObject("schema", new JsonObject())), ContractProbe.this::resolve));
        }
      }
    }

    private Request copy() {
      Request c = new Request(method, template, parameters, null, null);
      c.values.putAll(values);
      c.body = body;
      c.pathPrefix = pathPrefix;
      return c;
    }

    Request withPrefix(String value) {
      Request c = copy();
      c.pathPrefix = value;
      return c;
    }

    Request withParameter(String name, String value) {
      Request c = copy();
      c.values.put(name, value);
      return c;
    }

    Request withBody(Buffer value) {
      Request c = copy();
      c.body = value;
      return c;
    }

    HttpResponse<Buffer> send() {
      String path = template;
      StringBuilder query = new StringBuilder();
      for (Map.Entry<String, String> v : values.entrySet()) {
        String encoded = java.net.URLEncoder.encode(v.getValue(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        if (path.contains("{" + v.getKey() + "}")) {
          path = path.replace("{" + v.getKey() + "}", encoded);
        } else if (isHeader(v.getKey())) {
          continue;
        } else {
          query.append(query.length() == 0 ? "?" : "&").append(v.getKey()).append('=').append(encoded);
        }
      }
      var request = client.request(method, pathPrefix + path + query).putHeaders(headers);
      for (Map.Entry<String, String> v : values.entrySet()) {
        if (isHeader(v.getKey())) {
          request.putHeader(v.getKey(), v.getValue());
        }
      }
      try {
        return (body == null ? request.send() : request.putHeader("Content-Type", "application/json").sendBuffer(body))
          .await(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError(method + " " + path + " got no answer: " + e, e);
      }
    }

    private boolean isHeader(String name) {
      return parameters.stream().anyMatch(p -> p.getString("name").equals(name) && "header".equals(p.getString("in")))
        || name.equalsIgnoreCase("If-Match") || name.equalsIgnoreCase("If-None-Match");
    }
  }
}
