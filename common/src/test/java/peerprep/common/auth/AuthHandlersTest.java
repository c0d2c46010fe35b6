package peerprep.common.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.Settings;
import peerprep.common.discovery.Discovery;
import peerprep.common.http.ContractRouter;
import peerprep.common.http.ServiceRouter;
import peerprep.common.testing.TestAuth;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class AuthHandlersTest {
  private static final JsonObject THING = new JsonObject().put("name", "a thing");
  private static TestAuth auth;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    auth = TestAuth.start(vertx).await();
    Discovery discovery = Discovery.start(vertx, new Settings(new JsonObject().put("USER_SERVICE_URL", auth.url())),
      List.of("user-service")).await();
    JwksVerifier verifier = JwksVerifier.fromDiscovery(vertx, discovery);
    Router router = ServiceRouter.create(vertx, "demo-service", 1024, HealthCheckHandler.create(vertx), "openapi/commontest.json", r -> r
      .on("getThing", Auth.required(verifier), ctx -> ctx.json(Principal.of(ctx).toJson()))
      .on("createThing", Auth.required(verifier), Auth.role("admin"), ctx -> ctx.response().setStatusCode(201).end())
      .on("boom", Auth.internal("s3cret"), ctx -> ctx.response().end("ok"))
      .on("listTags", ctx -> ctx.response().end())
      .on("internalSecret", ctx -> ctx.response().end())
      .on("contended", ctx -> ctx.response().end())
      .on("slow", ctx -> ctx.response().end())
      .on("echo", ctx -> ctx.response().setStatusCode(201).end(ContractRouter.body(ctx).encode()))
      .plain("socket", ctx -> ctx.response().end())).await();
    int port = vertx.createHttpServer().requestHandler(router).listen(0).await().actualPort();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(port));
  }

  @Test
  @DisplayName("A signed-in user reaches a protected route through a key set found by service discovery")
  void signedIn() {
    TestAuth.TestUser ada = auth.user("ada");
    var r = client.get("/things/1").putHeader("Authorization", ada.bearer()).send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("username")).isEqualTo("ada");
  }

  @Test
  @DisplayName("The access_token query parameter is refused on a plain HTTP route with a detail, and accepted on a WebSocket upgrade")
  void queryTokenOnlyOnUpgrade(Vertx vertx) {
    TestAuth.TestUser ada = auth.user("ada");
    var viaQuery = client.get("/things/1?access_token=" + ada.token()).send().await();
    assertThat(viaQuery.statusCode()).isEqualTo(401);
    assertThat(viaQuery.bodyAsJsonObject().getString("detail")).contains("only on WebSocket upgrades");
    var upgrade = client.get("/things/1?access_token=" + ada.token())
      .putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
      .putHeader("Sec-WebSocket-Version", "13").putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
      .send().await();
    assertThat(upgrade.statusCode()).isEqualTo(200);
    assertThat(upgrade.bodyAsJsonObject().getString("username")).isEqualTo("ada");
  }

  @Test
  @DisplayName("Without a token or with a bad one the answer is 401 with WWW-Authenticate")
  void unauthenticated() {
    var none = client.get("/things/1").send().await();
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    var bad = client.get("/things/1").putHeader("Authorization", "Bearer abc.def.ghi").send().await();
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.bodyAsJsonObject().getString("detail")).isNotBlank();
  }

  @Test
  @DisplayName("A user without the admin role is refused an admin route with 403; an admin passes")
  void roles() {
    assertThat(client.post("/things").putHeader("Authorization", auth.user("ada").bearer()).sendJsonObject(THING).await().statusCode()).isEqualTo(403);
    assertThat(client.post("/things").putHeader("Authorization", auth.admin("root").bearer()).sendJsonObject(THING).await().statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("Internal routes need the service credential")
  void internal() {
    assertThat(client.get("/boom").send().await().statusCode()).isEqualTo(403);
    assertThat(client.get("/boom").putHeader(Auth.INTERNAL_HEADER, "guess").send().await().statusCode()).isEqualTo(403);
    assertThat(client.get("/boom").putHeader(Auth.INTERNAL_HEADER, "s3cret").send().await().statusCode()).isEqualTo(200);
  }
}
