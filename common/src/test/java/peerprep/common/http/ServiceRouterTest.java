package peerprep.common.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
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
    router = ServiceRouter.create(vertx, "demo-service", 1024, HealthCheckHandler.create(vertx), "openapi/commontest.json", r -> r
      .on("createThing", ctx -> {
        JsonObject body = ContractRouter.body(ctx);
        ctx.response().setStatusCode(201).end(new JsonObject().put("name", body.getString("name")).put("size", body.getInteger("size")).encode());
      })
      .on("getThing", ctx -> ctx.json(new JsonObject().put("id", ctx.pathParam("id"))))
      .on("listTags", ctx -> ctx.json(new JsonObject().put("kinds", ctx.queryParam("kind"))
        .put("size", ContractRouter.intQuery(ctx, "size", 20))))
      .on("internalSecret", ctx -> ctx.response().end("internal"))
      .on("boom", ctx -> {
        throw new IllegalStateException("secret internals at line 42");
      })
      .on("contended", ctx -> ctx.fail(new PgException("deadlock detected", "ERROR", "40P01", null)))
      .on("slow", ctx -> ctx.response().end())
      .on("echo", ctx -> ctx.response().setStatusCode(201).end(ContractRouter.body(ctx).encode()))
      .plain("socket", ctx -> ctx.response().end())).await();
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
    assertProblem(client.get("/things/not-a-uuid/tags").send().await(), 400, "not a valid id");
  }

  @Test
  @DisplayName("A body that breaks a limit of the document is a 400 naming the field, the rule and the limit")
  void limits() {
    HttpResponse<Buffer> r = post("/demo-service-api/things", "{\"name\":\"x\",\"tags\":[\"a\",\"" + "b".repeat(11) + "\"]}");
    assertProblem(r, 400, "The field 'tags[1]' must be at most 10 characters long");
    assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo("tags[1]");
    assertProblem(post("/things", "{\"name\":\"x\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}"), 400, "'tags' must hold at most 3 items");
    assertProblem(post("/things", "{\"name\":\"\"}"), 400, "'name' must be at least 1 character long");
    assertProblem(post("/things", "{\"name\":\"x\",\"size\":-1}"), 400, "'size' must be at least 0");
    assertProblem(post("/things", "{\"name\":\"x\",\"colour\":\"red\"}"), 400,
      "The field 'colour' is not accepted here; the accepted fields are name, size, code, slug, tags");
  }

  @Test
  @DisplayName("A broken pattern is worded from the schema's x-pattern-words when it has them, and repeats the value sent")
  void patterns() {
    assertProblem(post("/things", "{\"name\":\"x\",\"code\":\"abc\"}"), 400,
      "The field 'code' must be three capital letters such as 'ABC', not 'abc'.");
    assertProblem(post("/things", "{\"name\":\"x\",\"slug\":\"A1\"}"), 400,
      "The field 'slug' must match the pattern ^[a-z]+$, not 'A1'.");
  }

  @Test
  @DisplayName("A whole-number query parameter is read as written in decimal, an empty one is absent, and a fraction is refused")
  void wholeNumbers() {
    String tags = "/things/3fa85f64-5717-4562-b3fc-2c963f66afa6/tags";
    assertThat(client.get(tags + "?size=05").send().await().bodyAsJsonObject().getInteger("size")).isEqualTo(5);
    assertThat(client.get(tags + "?size=").send().await().bodyAsJsonObject().getInteger("size")).isEqualTo(20);
    assertThat(client.get(tags + "?size=%2B7").send().await().bodyAsJsonObject().getInteger("size")).isEqualTo(7);
    assertProblem(client.get(tags + "?size=5.0").send().await(), 400, "The query parameter 'size' must be a whole number, not a string");
    assertProblem(client.get(tags + "?size=99999999999999999999").send().await(), 400, "The query parameter 'size' must be a whole number");
  }

  @Test
  @DisplayName("Query and path parameters that break the document are 400s naming the parameter and the rule")
  void parameters() {
    String tags = "/things/3fa85f64-5717-4562-b3fc-2c963f66afa6/tags";
    assertThat(client.get(tags + "?size=5&kind=red&kind=blue").send().await().statusCode()).isEqualTo(200);
    assertThat(client.get("/demo-service-api" + tags + "?size=5").send().await().statusCode()).isEqualTo(200);
    assertProblem(client.get(tags + "?size=0").send().await(), 400, "The query parameter 'size' must be between 1 and 50");
    assertProblem(client.get(tags + "?size=ten").send().await(), 400, "The query parameter 'size' must be a whole number, not a string");
    assertProblem(client.get(tags + "?kind=green").send().await(), 400, "The query parameter 'kind' must be one of \"red\" or \"blue\"");
    assertProblem(client.get("/demo-service-api/things/nope/tags").send().await(), 400, "The path parameter 'id' must be a UUID");
  }

  @Test
  @DisplayName("A body of another media type is a 415 problem; a JSON body without a Content-Type is read as JSON")
  void mediaType() {
    assertProblem(client.post("/things").putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("{\"name\":\"a\"}")).await(),
      415, "application/json");
    assertThat(client.post("/things").sendBuffer(Buffer.buffer("{\"name\":\"a\"}")).await().statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("A string PostgreSQL cannot store is a 400 naming its JSON path")
  void unstorable() {
    HttpResponse<Buffer> r = post("/things", "{\"name\":\"a\\u0000b\"}");
    assertProblem(r, 400, "NUL");
    assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo("name");
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
  @DisplayName("A transaction the database undid for a concurrent one is a 503 with Retry-After, not a 500")
  void lostLockConflict() {
    HttpResponse<Buffer> r = client.get("/contended").send().await();
    assertProblem(r, 503, "Send the same request again");
    assertThat(r.getHeader("Retry-After")).isEqualTo("1");
    assertThat(r.bodyAsString()).doesNotContain("deadlock detected");
  }

  @Test
  @DisplayName("The OpenAPI document served is the one the routes were built from")
  void openApi() {
    HttpResponse<Buffer> r = client.get("/demo-service-api/openapi.json").send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(OpenApi.load("openapi/commontest.json"));
  }
}
