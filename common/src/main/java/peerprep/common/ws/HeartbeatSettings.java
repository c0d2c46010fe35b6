package peerprep.common.ws;

import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;

/**
 * How a service checks that the peer of each of its WebSockets is still there: it pings every
 * {@code intervalMs}; a socket that sent nothing (no pong, no frame) for {@code deadlineMs} is gone.
 * Ending a socket sends a close frame and, when the peer does not complete the close within
 * {@code closeGraceMs}, drops the TCP connection.
 *
 * @param intervalMs   time between two server pings (WS_PING_INTERVAL_MS, default 10 s)
 * @param deadlineMs   silence after which the peer is gone (WS_PONG_DEADLINE_MS, default 25 s, at most 30 s)
 * @param closeGraceMs wait for the peer's close frame before the connection is dropped (WS_CLOSE_GRACE_MS, default 2 s)
 */
public record HeartbeatSettings(long intervalMs, long deadlineMs, long closeGraceMs) {
  /** The longest deadline a service may be configured with. */
  public static final long MAX_DEADLINE_MS = 30_000;

  /** Checks that the deadline leaves room for at least one ping and stays within the promised bound. */
  public HeartbeatSettings {
    if (intervalMs <= 0 || deadlineMs <= intervalMs || deadlineMs > MAX_DEADLINE_MS || closeGraceMs <= 0) {
      throw new ConfigException("Malformed configuration: the WebSocket heartbeat needs 0 < WS_PING_INTERVAL_MS ("
        + intervalMs + ") < WS_PONG_DEADLINE_MS (" + deadlineMs + ") <= " + MAX_DEADLINE_MS
        + " and WS_CLOSE_GRACE_MS (" + closeGraceMs + ") > 0");
    }
  }

  /** Reads the three settings, each with its default. */
  public static HeartbeatSettings from(Settings s) {
    return new HeartbeatSettings(s.millis("WS_PING_INTERVAL_MS", 10_000), s.millis("WS_PONG_DEADLINE_MS", 25_000),
      s.millis("WS_CLOSE_GRACE_MS", 2_000));
  }
}
