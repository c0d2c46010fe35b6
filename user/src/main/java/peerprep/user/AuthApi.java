package peerprep.user;

import io.vertx.ext.web.RoutingContext;
import peerprep.common.abuse.RateLimiter;
import peerprep.common.auth.TokenIssuer;
import peerprep.common.http.ContractRouter;

/** Sign-up, sign-in, token refresh, sign-out, and the public signing keys. */
public final class AuthApi {
  private final Accounts accounts;
  private final Authenticator authenticator;
  private final Tokens tokens;
  private final TokenIssuer issuer;
  private final RateLimiter signUps;

  public AuthApi(Accounts accounts, Authenticator authenticator, Tokens tokens, TokenIssuer issuer, RateLimiter signUps) {
    this.signUps = signUps;
    this.accounts = accounts;
    this.authenticator = authenticator;
    this.tokens = tokens;
    this.issuer = issuer;
  }

  public void mount(ContractRouter routes) {
    routes.on("register", this::register)
      .on("login", this::login)
      .on("refresh", this::refresh)
      .on("logout", this::logout)
      .on("jwks", this::jwks);
  }

  private void register(RoutingContext ctx) {
    Registration registration = Registration.fromJson(ContractRouter.body(ctx));
    signUps.take(authenticator.clientAddress(ctx.request()))
      .compose(v -> accounts.register(registration))
      .onSuccess(session -> send(ctx, 201, session))
      .onFailure(ctx::fail);
  }

  private void login(RoutingContext ctx) {
    LoginRequest request = LoginRequest.fromJson(ContractRouter.body(ctx));
    authenticator.login(request, authenticator.clientAddress(ctx.request()))
      .compose(tokens::startChecked)
      .onSuccess(session -> send(ctx, 200, session))
      .onFailure(ctx::fail);
  }

  private void refresh(RoutingContext ctx) {
    String refreshToken = refreshToken(ctx);
    tokens.refresh(refreshToken)
      .onSuccess(session -> send(ctx, 200, session))
      .onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    String refreshToken = refreshToken(ctx);
    tokens.revoke(refreshToken)
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void jwks(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "public, max-age=300");
    ctx.json(issuer.jwks());
  }

  private static String refreshToken(RoutingContext ctx) {
    return ContractRouter.body(ctx).getString("refreshToken");
  }

  /** Token responses must never be cached (RFC 6749, section 5.1). */
  static void send(RoutingContext ctx, int status, Session session) {
    ctx.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
    ctx.json(session.toJson());
  }
}
