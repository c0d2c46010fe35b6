package peerprep.user;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Principal;
import peerprep.common.http.Bodies;

import java.util.Set;

/** The signed-in user's own account: see and edit the profile, change the password, delete it. */
public final class ProfileApi {
  private final Accounts accounts;
  private final Handler<RoutingContext> signedIn;

  public ProfileApi(Accounts accounts, Handler<RoutingContext> signedIn) {
    this.accounts = accounts;
    this.signedIn = signedIn;
  }

  public void mount(Router router) {
    router.get("/users/me").handler(signedIn).handler(this::show);
    router.patch("/users/me").handler(signedIn).handler(this::update);
    router.put("/users/me/password").handler(signedIn).handler(this::changePassword);
    router.delete("/users/me").handler(signedIn).handler(this::delete);
  }

  private void show(RoutingContext ctx) {
    accounts.current(Principal.of(ctx))
      .onSuccess(user -> ctx.json(user.toJson()))
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    ProfileChanges changes = ProfileChanges.fromJson(Bodies.json(ctx));
    accounts.updateProfile(Principal.of(ctx), changes)
      .onSuccess(user -> ctx.json(user.toJson()))
      .onFailure(ctx::fail);
  }

  private void changePassword(RoutingContext ctx) {
    PasswordChange change = PasswordChange.fromJson(Bodies.json(ctx));
    accounts.changePassword(Principal.of(ctx), change, accounts.clientAddress(ctx.request()))
      .onSuccess(session -> AuthApi.send(ctx, 200, session))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    Fields.onlyKnown(body, Set.of("password"));
    String password = Bodies.requiredString(body, "password");
    accounts.delete(Principal.of(ctx), password, accounts.clientAddress(ctx.request()))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
