package peerprep.common.http;

import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads a service's OpenAPI document and derives the part of it that routes are built from. The derived
 * copy leaves out what {@link ServiceRouter} serves itself (health, metrics, the document), the servers
 * (the same routes answer at the root and under the public prefix), response bodies (responses are not
 * validated, and problem+json is not a media type vertx-openapi parses), and request bodies that are not
 * JSON (an image's bytes), whose handlers check them.
 */
final class ContractSource {
  static final Set<String> INFRA = Set.of("/health", "/health/live", "/metrics", "/openapi.json");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private ContractSource() {
  }

  static JsonObject read(String resource) {
    try (InputStream in = ContractSource.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("OpenAPI document " + resource + " is not on the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject routable(JsonObject document) {
    JsonObject copy = document.copy();
    copy.remove("servers");
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    INFRA.forEach(paths::remove);
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          strip(item.getJsonObject(method));
        }
      }
    }
    JsonObject responses = copy.getJsonObject("components", new JsonObject()).getJsonObject("responses");
    if (responses != null) {
      responses.forEach(e -> ((JsonObject) e.getValue()).remove("content"));
    }
    return copy;
  }

  private static void strip(JsonObject operation) {
    JsonObject responses = operation.getJsonObject("responses", new JsonObject());
    responses.forEach(e -> {
      if (e.getValue() instanceof JsonObject response) {
        response.remove("content");
      }
    });
    JsonObject body = operation.getJsonObject("requestBody");
    if (body != null && body.getJsonObject("content", new JsonObject()).fieldNames().stream().noneMatch(ContractSource::json)) {
      operation.remove("requestBody");
    }
  }

  private static boolean json(String mediaType) {
    return MediaType.isMediaTypeSupported(mediaType) && mediaType.contains("json");
  }
}
