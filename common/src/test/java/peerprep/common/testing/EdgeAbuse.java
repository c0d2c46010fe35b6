package peerprep.common.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import peerprep.common.http.OpenApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bad input at the edge of a running service, generated from its OpenAPI document: for every operation
 * with a request body it sends a malformed multipart body (expects 415) and, for a JSON body, one body per
 * string field of the schema with a NUL in that field, and one with a NUL in an undeclared field (expects
 * 400 naming the field). Every answer must be problem+json; a 500 is always a finding. The caller supplies
 * headers that get past authentication (a bearer token with every role, the service credential), so the
 * bodies are really read. Every internal route is also requested from under the public prefix with
 * encoded dot segments (expects 400 or 404, never the route).
 */
public final class EdgeAbuse {
  private static final String NUL = "a\u0000b";
  private static final Set<String> METHODS = Set.of("post", "put", "patch", "delete");

  private final WebClient client;
  private final JsonObject document;
  private final MultiMap headers;
  private final List<String> findings = new ArrayList<>();
  private int requests;

  /** Ways to climb from the public prefix to the root, each followed by the internal path. */
  private static final List<String> CLIMBS = List.of("/%2e%2e", "/%2E%2E", "/.%2e", "/%2e.", "/%2e%2e/.", "/x/../..",
    "/%252e%252e", "/..%2f..", "/..%5c..");

  private final String prefix;

  private EdgeAbuse(Vertx vertx, int port, String service, String openApiResource, MultiMap headers) {
    this.prefix = "/" + service + "-api";
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.document = OpenApi.load(openApiResource);
    this.headers = headers;
  }

  /**
   * Runs every probe against the service on {@code port} and returns what went wrong, one sentence each
   * (empty when every answer was right), together with the number of requests sent.
   */
  public static Report probe(Vertx vertx, int port, String service, String openApiResource, MultiMap headers) {
    EdgeAbuse abuse = new EdgeAbuse(vertx, port, service, openApiResource, headers);
    try {
      abuse.run();
    } finally {
      abuse.client.close();
    }
    return new Report(abuse.requests, List.copyOf(abuse.findings));
  }

  /**
   * Sends a request head that never completes and waits for the service to give up on it: null when it
   * answered 408 as a problem and closed the connection within {@code withinMs}, else what it did instead.
   */
  public static String slowHead(Vertx vertx, int port, long withinMs) {
    NetClient net = vertx.createNetClient();
    try {
      NetSocket socket = net.connect(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
      Buffer answer = Buffer.buffer();
      Promise<Void> closed = Promise.promise();
      socket.handler(answer::appendBuffer);
      socket.closeHandler(v -> closed.tryComplete());
      socket.write("GET /health HTTP/1.1\r\nHost: edge\r\nX-Slow: ");
      closed.future().await(withinMs, TimeUnit.MILLISECONDS);
      String text = answer.toString();
      if (!text.startsWith("HTTP/1.1 408") || !text.contains("application/problem+json")) {
        return "a request head that never completed was answered: " + text;
      }
      return null;
    } catch (TimeoutException e) {
      return "a request head that never completed still held its connection after " + withinMs + " ms";
    } finally {
      net.close();
    }
  }

  /** What a probe found: the requests it sent, and one sentence per wrong answer. */
  public record Report(int requests, List<String> findings) {
  }

  private void run() {
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String template : paths.fieldNames()) {
      JsonObject operations = paths.getJsonObject(template);
      for (String method : operations.fieldNames()) {
        if (template.startsWith("/internal/") && (METHODS.contains(method) || method.equals("get"))) {
          climb(HttpMethod.valueOf(method.toUpperCase()), template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
        }
        if (!METHODS.contains(method) || !operations.getJsonObject(method).containsKey("requestBody")) {
          continue;
        }
        String path = template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        JsonObject content = resolve(operations.getJsonObject(method).getJsonObject("requestBody")).getJsonObject("content", new JsonObject());
        HttpMethod verb = HttpMethod.valueOf(method.toUpperCase());
        String operation = verb.name() + " " + template;
        expect(operation + " with a malformed multipart body", send(verb, path, "multipart/form-data; boundary=x",
          Buffer.buffer("--x\r\n\r\n--x--")), 415, null);
        if (content.containsKey("application/json")) {
          JsonObject schema = resolve(content.getJsonObject("application/json").getJsonObject("schema", new JsonObject()));
          for (String field : stringFields(schema, "")) {
            JsonObject body = sample(schema);
            put(body, field, NUL);
            expect(operation + " with a NUL in '" + field + "'", send(verb, path, "application/json", body.toBuffer()), 400, field);
          }
          JsonObject undeclared = sample(schema).put("undeclared", NUL);
          expect(operation + " with a NUL in an undeclared field", send(verb, path, "application/json", undeclared.toBuffer()), 400, "undeclared");
        }
      }
    }
  }

  /** The internal route must never be reached from under the public prefix, however the climb is encoded. */
  private void climb(HttpMethod method, String internalPath) {
    String encoded = "/%69" + internalPath.substring(2);
    for (String climb : CLIMBS) {
      for (String target : List.of(internalPath, encoded)) {
        HttpResponse<Buffer> r = send(method, prefix + climb + target, "application/json", Buffer.buffer("{}"));
        if (r.statusCode() != 400 && r.statusCode() != 404) {
          findings.add(method + " " + prefix + climb + target + " was answered " + r.statusCode() + ": " + r.bodyAsString());
        } else {
          expect(method + " " + prefix + climb + target, r, r.statusCode(), null);
        }
      }
    }
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, Buffer body) {
    requests++;
    try {
      return client.request(method, path).putHeaders(headers).putHeader("Content-Type", contentType)
        .sendBuffer(body).await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " got no answer: " + e, e);
    }
  }

  private void expect(String what, HttpResponse<Buffer> r, int status, String field) {
    String type = r.getHeader("Content-Type");
    if (r.statusCode() != status) {
      findings.add(what + " was answered " + r.statusCode() + " instead of " + status + ": " + r.bodyAsString());
    } else if (type == null || !type.startsWith("application/problem+json")) {
      findings.add(what + " was answered with Content-Type " + type + ", not a problem");
    } else if (field != null && !r.bodyAsJsonObject().getString("detail", "").contains(field)) {
      findings.add(what + " was answered with a detail that does not name the field: " + r.bodyAsString());
    }
  }

  private JsonObject resolve(JsonObject node) {
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

  /** Dotted paths of every string property, nested objects included. */
  private List<String> stringFields(JsonObject schema, String prefix) {
    List<String> out = new ArrayList<>();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (Map.Entry<String, Object> e : properties) {
      JsonObject property = resolve((JsonObject) e.getValue());
      String name = prefix + e.getKey();
      if (type(property).equals("string")) {
        out.add(name);
      } else if (type(property).equals("object")) {
        out.addAll(stringFields(property, name + "."));
      }
    }
    return out;
  }

  /** An object with a plausible value for every declared property. */
  private JsonObject sample(JsonObject schema) {
    JsonObject out = new JsonObject();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (Map.Entry<String, Object> e : properties) {
      JsonObject property = resolve((JsonObject) e.getValue());
      out.put(e.getKey(), switch (type(property)) {
        case "integer", "number" -> 1;
        case "boolean" -> true;
        case "array" -> new JsonArray();
        case "object" -> sample(property);
        default -> "x";
      });
    }
    return out;
  }

  private static String type(JsonObject property) {
    Object t = property.getValue("type");
    if (t instanceof JsonArray types) {
      return types.stream().filter(x -> !"null".equals(x)).findFirst().map(Object::toString).orElse("string");
    }
    return t == null ? "string" : t.toString();
  }

  private static void put(JsonObject body, String dotted, String value) {
    String[] parts = dotted.split("\\.");
    JsonObject target = body;
    for (int i = 0; i < parts.length - 1; i++) {
      target = target.getJsonObject(parts[i]);
    }
    target.put(parts[parts.length - 1], value);
  }
}
