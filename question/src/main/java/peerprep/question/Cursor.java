package peerprep.question;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import peerprep.common.http.ApiException;
import peerprep.common.vocab.Difficulty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a listing page ended: its sort and the last item's sort key. Clients get it as an opaque string
 * (base64url of a JSON array) and send it back as {@code after} for the next page.
 */
public record Cursor(ListQuery.Sort sort, boolean descending, List<Object> key) {
  static final int MAX_LENGTH = 1024;

  /** The cursor after {@code row}, a row of the listing's summary columns. */
  static Cursor after(ListQuery.Sort sort, boolean descending, Row row) {
    List<Object> key = switch (sort) {
      case TITLE -> List.of(row.getString("title_key"));
      case DIFFICULTY -> List.of(row.getString("difficulty"), row.getString("title_key"));
      case CREATED_AT -> List.of(row.getOffsetDateTime("created_at"), row.getUUID("id"));
      case UPDATED_AT -> List.of(row.getOffsetDateTime("updated_at"), row.getUUID("id"));
    };
    return new Cursor(sort, descending, key);
  }

  String encode() {
    JsonArray json = new JsonArray().add(sort.param()).add(descending ? "desc" : "asc");
    key.forEach(value -> json.add(value instanceof OffsetDateTime time ? time.toInstant().toString() : value.toString()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a cursor given out earlier; anything else is a 400 that says how to start again. */
  public static Cursor parse(String value) {
    try {
      if (value.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("too long");
      }
      JsonArray json = new JsonArray(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
      ListQuery.Sort sort = ListQuery.Sort.parse(json.getString(0));
      boolean descending = switch (json.getString(1)) {
        case "asc" -> false;
        case "desc" -> true;
        default -> throw new IllegalArgumentException("direction");
      };
      return new Cursor(sort, descending, key(sort, json));
    } catch (IllegalArgumentException | DecodeException | ClassCastException | IndexOutOfBoundsException
             | java.time.format.DateTimeParseException | ApiException | NullPointerException e) {
      throw invalid();
    }
  }

  private static List<Object> key(ListQuery.Sort sort, JsonArray json) {
    if (json.size() != 2 + sort.keyColumns()) {
      throw new IllegalArgumentException("key length");
    }
    List<Object> key = new ArrayList<>();
    switch (sort) {
      case TITLE -> key.add(Objects.requireNonNull(json.getString(2)));
      case DIFFICULTY -> {
        key.add(Difficulty.fromLabel(json.getString(2)).label());
        key.add(Objects.requireNonNull(json.getString(3)));
      }
      case CREATED_AT, UPDATED_AT -> {
        key.add(OffsetDateTime.ofInstant(Instant.parse(json.getString(2)), ZoneOffset.UTC));
        key.add(UUID.fromString(json.getString(3)));
      }
    }
    return key;
  }

  static ApiException invalid() {
    return ApiException.badRequest("The cursor 'after' is not one a listing gave out (it may have been cut or altered)."
      + " Leave it out to start from the first page.");
  }
}
