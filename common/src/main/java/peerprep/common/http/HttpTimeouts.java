package peerprep.common.http;

import peerprep.common.config.Settings;

/**
 * How long a service's HTTP server waits on a client, in milliseconds.
 *
 * @param idleMs      a connection with no byte read or written for this long is closed ({@code HTTP_IDLE_TIMEOUT_MS});
 *                    longer than the load balancer's own idle timeout, so the balancer always closes first
 * @param headerMs    a request whose head (request line and headers) is not complete this long after its
 *                    first byte is answered 408 and its connection closed ({@code HTTP_HEADER_TIMEOUT_MS})
 * @param requestMs   a request not answered this long after its head arrived is answered 408 (body still
 *                    arriving) or 503 (handler still working) and its connection closed ({@code HTTP_REQUEST_TIMEOUT_MS})
 * @param handshakeMs a WebSocket upgrade not accepted or refused this long after its head arrived is
 *                    answered 503 ({@code WS_HANDSHAKE_TIMEOUT_MS})
 */
public record HttpTimeouts(long idleMs, long headerMs, long requestMs, long handshakeMs) {
  /** The defaults every service runs with unless configured otherwise. */
  public static final HttpTimeouts DEFAULTS = new HttpTimeouts(75_000, 10_000, 30_000, 10_000);

  /** The timeouts from the environment, each falling back to its default; a malformed value stops the start. */
  public static HttpTimeouts from(Settings settings) {
    return new HttpTimeouts(
      settings.integer("HTTP_IDLE_TIMEOUT_MS", (int) DEFAULTS.idleMs, 100, 3_600_000),
      settings.integer("HTTP_HEADER_TIMEOUT_MS", (int) DEFAULTS.headerMs, 100, 600_000),
      settings.integer("HTTP_REQUEST_TIMEOUT_MS", (int) DEFAULTS.requestMs, 100, 3_600_000),
      settings.integer("WS_HANDSHAKE_TIMEOUT_MS", (int) DEFAULTS.handshakeMs, 100, 600_000));
  }
}
