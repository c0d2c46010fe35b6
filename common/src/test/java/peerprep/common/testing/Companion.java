package peerprep.common.testing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Something a test class runs beside the service under test, such as a stand-in for a peer service: it
 * adds the config keys that point the service at it, and is closed after the class.
 */
public interface Companion {
  /** The config keys that point the service at this companion ({@code HISTORY_SERVICE_URL}…). */
  JsonObject config();

  Future<Void> close();
}
