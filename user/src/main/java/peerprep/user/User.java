package peerprep.user;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import peerprep.common.auth.Principal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;

/** An account as the API shows it. The password hash never enters this record. */
public record User(UUID id, String username, String email, String displayName, String preferredLanguage,
                   String role, boolean disabled, OffsetDateTime createdAt) {
  public static final String ROLE_USER = "user";
  public static final String ROLE_ADMIN = "admin";

  /** The columns {@link #fromRow} reads, for every query that returns users. */
  static final String COLUMNS = columns("");

  /** The same columns qualified by a table alias, for joins. */
  static String columns(String alias) {
    String p = alias.isEmpty() ? "" : alias + ".";
    return String.join(", ", java.util.stream.Stream.of("id", "username", "email", "display_name", "preferred_language",
      "role", "disabled", "created_at").map(c -> p + c).toList());
  }

  public static User fromRow(Row row) {
    return new User(row.getUUID("id"), row.getString("username"), row.getString("email"),
      row.getString("display_name"), row.getString("preferred_language"), row.getString("role"),
      row.getBoolean("disabled"), row.getOffsetDateTime("created_at"));
  }

  public boolean isAdmin() {
    return ROLE_ADMIN.equals(role);
  }

  /** What access tokens carry: every account has {@code user}; admins also {@code admin}. */
  public Set<String> roles() {
    return isAdmin() ? Set.of(ROLE_USER, ROLE_ADMIN) : Set.of(ROLE_USER);
  }

  public Principal principal() {
    return new Principal(id.toString(), username, roles());
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id.toString())
      .put("username", username)
      .put("email", email)
      .put("displayName", displayName)
      .put("preferredLanguage", preferredLanguage)
      .put("role", role)
      .put("roles", new JsonArray(roles().stream().sorted().toList()))
      .put("disabled", disabled)
      .put("createdAt", createdAt.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }
}
