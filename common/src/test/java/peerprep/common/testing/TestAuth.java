package peerprep.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import peerprep.common.auth.JwtKeys;
import peerprep.common.auth.Principal;
import peerprep.common.auth.TokenIssuer;

import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A stand-in for the user service's token side in other services' tests: a real ES256 key, real
 * tokens, and the JWKS served on a local port (point {@code USER_SERVICE_URL} at {@link #url()}).
 */
public final class TestAuth {
  private final TokenIssuer issuer;
  private final HttpServer server;
  private final String privatePem;

  private TestAuth(TokenIssuer issuer, HttpServer server, String privatePem) {
    this.issuer = issuer;
    this.server = server;
    this.privatePem = privatePem;
  }

  public static Future<TestAuth> start(Vertx vertx) {
    KeyPair keys = JwtKeys.generate();
    String pem = JwtKeys.privatePem(keys);
    TokenIssuer issuer = new TokenIssuer(vertx, keys, "test-" + UUID.randomUUID(), List.of());
    Router router = Router.router(vertx);
    router.get("/.well-known/jwks.json").handler(ctx -> ctx.json(issuer.jwks()));
    return vertx.createHttpServer().requestHandler(router).listen(0)
      .map(server -> new TestAuth(issuer, server, pem));
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public String privatePem() {
    return privatePem;
  }

  public String token(String userId, String username, String... roles) {
    return issuer.issue(new Principal(userId, username, Set.of(roles.length == 0 ? new String[]{"user"} : roles)), 600);
  }

  /** A signed-in user with a fresh id. */
  public TestUser user(String username) {
    String id = UUID.randomUUID().toString();
    return new TestUser(id, username, token(id, username, "user"));
  }

  public TestUser admin(String username) {
    String id = UUID.randomUUID().toString();
    return new TestUser(id, username, token(id, username, "user", "admin"));
  }

  public Future<Void> close() {
    return server.close();
  }

  /** A user id, name and a valid bearer token. */
  public record TestUser(String id, String username, String token) {
    public String bearer() {
      return "Bearer " + token;
    }
  }
}
