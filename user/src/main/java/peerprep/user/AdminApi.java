package peerprep.user;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import peerprep.common.auth.Auth;
import peerprep.common.auth.Principal;
import peerprep.common.auth.Revocations;
import peerprep.common.http.ApiException;
import peerprep.common.http.Bodies;

import java.util.UUID;

/** Account administration for admins: list and search, look at one account, change its role or status. */
public final class AdminApi {
  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_QUERY = 100;
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

  public void mount(Router router) {
    Handler<RoutingContext> admin = Auth.role(User.ROLE_ADMIN);
    router.get("/admin/users").handler(signedIn).handler(admin).handler(this::requireCurrentAdmin).handler(this::list);
    router.get("/admin/users/:id").handler(signedIn).handler(admin).handler(this::requireCurrentAdmin).handler(this::show);
    router.patch("/admin/users/:id").handler(signedIn).handler(admin).handler(this::requireCurrentAdmin).handler(this::update);
  }

  /** The token's role may be minutes old; this service owns the accounts, so it checks the stored one. */
  private void requireCurrentAdmin(RoutingContext ctx) {
    users.findById(Bodies.uuid(Principal.of(ctx).id(), "account id"))
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
    int page = Bodies.queryInt(ctx, "page", 1, 1, 1_000_000);
    int size = Bodies.queryInt(ctx, "size", 20, 1, MAX_PAGE_SIZE);
    String q = ctx.queryParams().get("q");
    q = q == null || q.isBlank() ? null : q.trim();
    if (q != null && q.length() > MAX_QUERY) {
      throw ApiException.badRequest("The search text 'q' must be at most " + MAX_QUERY + " characters.");
    }
    admins.search(q, page, size)
      .onSuccess(result -> ctx.json(new JsonObject()
        .put("items", new JsonArray(result.items().stream().map(User::toJson).toList()))
        .put("page", result.page())
        .put("size", result.size())
        .put("total", result.total())))
      .onFailure(ctx::fail);
  }

  private void show(RoutingContext ctx) {
    UUID id = Bodies.uuid(ctx.pathParam("id"), "user id");
    users.findById(id)
      .compose(AdminApi::found)
      .onSuccess(user -> ctx.json(user.toJson()))
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    UUID id = Bodies.uuid(ctx.pathParam("id"), "user id");
    AdminChanges changes = AdminChanges.fromJson(Bodies.json(ctx));
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
