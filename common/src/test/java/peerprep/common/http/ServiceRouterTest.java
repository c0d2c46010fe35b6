package peerprep.common.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class ServiceRouterTest {
  private static HttpServer server;
  private static WebClient client;
  private static Router router;

  @BeforeAll
  static void start(Vertx vertx) {
    router = ServiceRouter.create(vertx, "demo-service", 1024, HealthCheckHandler.create(vertx), "openapi/commontest.json", r -> {
      r.post("/things").handler(ctx -> {
        JsonObject body = Bodies.json(ctx);
        String name = Bodies.requiredString(body, "name");
        Integer size = Bodies.optionalInt(body, "size");
        ctx.response().setStatusCode(201).end(new JsonObject().put("name", name).put("size", size).encode());
      });
      r.get("/things/:id").handler(ctx -> ctx.json(new JsonObject().put("id", Bodies.uuid(ctx.pathParam("id"), "thing id").toString())));
      r.get("/internal/secret").handler(ctx -> ctx.response().end("internal"));
      r.get("/boom").handler(ctx -> {
        throw new IllegalStateException("secret internals at line 42");
      });
    });
    server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.actualPort()));
  }

  @AfterAll
  static void stop() {
    server.close().await();
  }

  private static HttpResponse<Buffer> post(String path, String body) {
    return client.post(path).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await();
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String detailFragment) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("title")).isNotBlank();
    assertThat(p.getString("detail")).contains(detailFragment);
  }

  @Test
  @DisplayName("A valid body is handled at the root and under the public prefix alike")
  void prefix() {
    assertThat(post("/things", "{\"name\":\"a\",\"size\":3}").statusCode()).isEqualTo(201);
    HttpResponse<Buffer> r = post("/demo-service-api/things", "{\"name\":\"b\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("name")).isEqualTo("b");
  }

  @Test
  @DisplayName("Malformed JSON is a 400 problem that says the body is not valid JSON")
  void malformed() {
    assertProblem(post("/things", "{\"name\":"), 400, "not valid JSON");
    assertProblem(post("/things", "[1,2]"), 400, "must be a JSON object");
    assertProblem(post("/things", ""), 400, "needs a JSON object body");
  }

  @Test
  @DisplayName("Wrong types and missing fields are 400 problems naming the field")
  void types() {
    assertProblem(post("/things", "{\"name\":5}"), 400, "'name' must be a string");
    assertProblem(post("/things", "{}"), 400, "'name' is required");
    assertProblem(post("/things", "{\"name\":\"x\",\"size\":1.5}"), 400, "'size' must be a whole number");
    assertProblem(client.get("/things/not-a-uuid").send().await(), 400, "not a valid id");
  }

  @Test
  @DisplayName("A body over the limit is a 413 problem")
  void oversized() {
    String big = "{\"name\":\"" + "x".repeat(4096) + "\"}";
    assertProblem(post("/things", big), 413, "larger than");
  }

  @Test
  @DisplayName("Unknown paths are 404 and known paths with another method are 405, both as problems")
  void unknown() {
    assertProblem(client.get("/nothing-here").send().await(), 404, "No resource");
    assertProblem(client.get("/demo-service-api/nothing-here").send().await(), 404, "No resource");
    assertProblem(client.delete("/things").send().await(), 405, "method");
  }

  @Test
  @DisplayName("Internal routes answer at the root but never under the public prefix")
  void internalNotPublic() {
    assertThat(client.get("/internal/secret").send().await().bodyAsString()).isEqualTo("internal");
    assertProblem(client.get("/demo-service-api/internal/secret").send().await(), 404, "No resource");
  }

  @Test
  @DisplayName("An unexpected failure is a 500 problem without internals")
  void serverError() {
    HttpResponse<Buffer> r = client.get("/boom").send().await();
    assertProblem(r, 500, "could not complete");
    assertThat(r.bodyAsString()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
  }

  @Test
  @DisplayName("The OpenAPI document is served and lists exactly the routes the router has")
  void openApi() {
    HttpResponse<Buffer> r = client.get("/demo-service-api/openapi.json").send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(OpenApi.routes(router)).isEqualTo(OpenApi.documented(r.bodyAsJsonObject()))
      .contains("POST /things", "GET /things/{id}");
  }
}
