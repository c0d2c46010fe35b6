package peerprep.question;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.UUID;

/** An uploaded image that question descriptions link to. */
public record Image(UUID id, String contentType, int size, Buffer data) {
  static final String PUBLIC_PATH = "/question-service-api/images/";

  static Image fromRow(Row row) {
    return new Image(row.getUUID("id"), row.getString("content_type"), row.getInteger("size"), row.getBuffer("data"));
  }

  /** The address a description uses, through the public prefix that both nginx and the ALB route. */
  public String url() {
    return PUBLIC_PATH + id;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("url", url()).put("contentType", contentType).put("size", size);
  }
}
