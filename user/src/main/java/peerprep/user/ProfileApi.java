package peerprep.user;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Principal;
import peerprep.common.http.ContractRouter;

/** The signed-in user's own account: see and edit the profile, change the password, delete it. */
public final class ProfileApi {
  private final Accounts accounts;
  private final Handler<RoutingContext> signedIn;

  public ProfileApi(Accounts accounts, Handler<RoutingContext> signedIn) {
    this.accounts = accounts;
    this.signedIn = signedIn;
  }

  public void mount(ContractRouter routes) {
    routes.on("showMe", signedIn, this::show)
      .on("updateMe", signedIn, this::update)
      .on("changePassword", signedIn, this::changePassword)
      .on("deleteMe", signedIn, this::delete);
  }

  private void show(RoutingContext ctx) {
    accounts.current(Principal.of(ctx))
      .onSuccess(user -> ctx.json(user.toJson()))
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    ProfileChanges changes = ProfileChanges.fromJson(ContractRouter.body(ctx));
    accounts.updateProfile(Principal.of(ctx), changes)
      .onSuccess(user -> ctx.json(user.toJson()))
      .onFailure(ctx::fail);
  }

  private void changePassword(RoutingContext ctx) {
    PasswordChange change = PasswordChange.fromJson(ContractRouter.body(ctx));
    accounts.changePassword(Principal.of(ctx), change, accounts.clientAddress(ctx.request()))
      .onSuccess(session -> AuthApi.send(ctx, 200, session))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String password = ContractRouter.body(ctx).getString("password");
    accounts.delete(Principal.of(ctx), password, accounts.clientAddress(ctx.request()))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
