package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Auth;
import peerprep.common.auth.Principal;
import peerprep.common.auth.Revocations;
import peerprep.common.http.ApiException;
import peerprep.common.http.ContractRouter;

import java.util.UUID;

/** Account administration for admins: list and search, look at one account, change its role or status. */
public final class AdminApi {
  private final UserRepository users;
  private final AdminRepository admins;
  private final Handler<RoutingContext> signedIn;
  private final Revocations revocations;

  public AdminApi(UserRepository users, AdminRepository admins, Handler<RoutingContext> signedIn, Revocations revocations) {
    this.revocations = revocations;
    this.users = users;
    this.admins = admins;
    this.signedIn = signedIn;
  }

  public void mount(ContractRouter routes) {
    Handler<RoutingContext> admin = Auth.role(User.ROLE_ADMIN);
    routes.on("listUsers", signedIn, admin, this::requireCurrentAdmin, this::list)
      .on("showUser", signedIn, admin, this::requireCurrentAdmin, this::show)
      .on("updateUser", signedIn, admin, this::requireCurrentAdmin, this::update);
  }

  /** The token's role may be minutes old; this service owns the accounts, so it checks the stored one. */
  private void requireCurrentAdmin(RoutingContext ctx) {
    users.findById(UUID.fromString(Principal.of(ctx).id()))
      .onSuccess(caller -> {
        if (caller != null && caller.isAdmin() && !caller.disabled()) {
          ctx.next();
        } else {
          ctx.fail(ApiException.forbidden("This action needs the 'admin' role, which this account no longer has."));
        }
      })
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int page = ContractRouter.intQuery(ctx, "page", 1);
    int size = ContractRouter.intQuery(ctx, "size", 20);
    String q = ctx.queryParams().get("q");
    q = q == null || q.isBlank() ? null : q.trim();
    admins.search(q, page, size)
      .onSuccess(result -> ctx.json(new JsonObject()
        .put("items", new JsonArray(result.items().stream().map(User::toJson).toList()))
        .put("page", result.page())
        .put("size", result.size())
        .put("total", result.total())))
      .onFailure(ctx::fail);
  }

  private void show(RoutingContext ctx) {
    UUID id = ContractRouter.uuid(ctx, "id");
    users.findById(id)
      .compose(AdminApi::found)
      .onSuccess(user -> ctx.json(user.toJson()))
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    UUID id = ContractRouter.uuid(ctx, "id");
    AdminChanges changes = AdminChanges.fromJson(ContractRouter.body(ctx));
    if (id.toString().equals(Principal.of(ctx).id()) && changes.locksOut()) {
      throw ApiException.conflict("Admins cannot remove their own admin role or disable their own account; ask another admin.");
    }
    // A disabled account, or one whose role changed, must not keep acting on its old tokens anywhere.
    Future<Void> revoked = changes.role() != null || Boolean.TRUE.equals(changes.disabled())
      ? revocations.revoke(id.toString()).recover(Accounts::notRevoked) : Future.succeededFuture();
    revoked.compose(v -> admins.update(id, changes))
      .compose(AdminApi::found)
      .onSuccess(user -> ctx.json(user.toJson()))
      .onFailure(ctx::fail);
  }

  private static Future<User> found(User user) {
    return user == null ? Future.failedFuture(ApiException.notFound("No account has that id.")) : Future.succeededFuture(user);
  }
}
