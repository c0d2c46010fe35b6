package peerprep.common.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * The signed-in user a verified access token speaks for, and when that token was issued (epoch ms, 0 when
 * unknown), which decides whether a later revocation covers it.
 */
public record Principal(String id, String username, Set<String> roles, long issuedAtMs) {
  static final String KEY = "peerprep.principal";

  public Principal(String id, String username, Set<String> roles) {
    this(id, username, roles, 0);
  }

  public boolean isAdmin() {
    return roles.contains("admin");
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("username", username).put("roles", new io.vertx.core.json.JsonArray(roles.stream().sorted().toList()));
  }

  /** The principal an {@link Auth} handler put on this request. */
  public static Principal of(RoutingContext ctx) {
    Principal p = ctx.get(KEY);
    if (p == null) {
      throw new IllegalStateException("No principal on this route; add Auth.required first");
    }
    return p;
  }
}
