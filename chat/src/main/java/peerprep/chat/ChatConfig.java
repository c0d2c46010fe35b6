package peerprep.chat;

import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.common.ws.HeartbeatSettings;

/** Every configuration key the chat-service reads, mapped once. */
public record ChatConfig(
  int port,
  Settings settings,
  String internalToken,
  int backlog,
  int maxMessages,
  long retentionSeconds,
  int maxMessagesPer10s,
  long sessionCacheMs,
  long typingThrottleMs,
  long presenceTtlMs,
  long claimIntervalMs,
  long claimIdleMs,
  int transcriptAttempts,
  long transcriptBackoffMs,
  HeartbeatSettings heartbeat) {

  public static ChatConfig from(Settings s) {
    s.uri("REDIS_URL");
    return new ChatConfig(
      s.port("PORT", 8000),
      s,
      s.string("SECRET_INTERNAL_TOKEN"),
      positive(s, "CHAT_BACKLOG", 100),
      positive(s, "CHAT_MAX_MESSAGES", 2000),
      positive(s, "CHAT_RETENTION_SECONDS", 7 * 24 * 3600),
      positive(s, "CHAT_MAX_MSGS_PER_10S", 20),
      s.millis("CHAT_SESSION_CACHE_MS", 15_000),
      s.millis("CHAT_TYPING_THROTTLE_MS", 1_500),
      Math.max(1_000, s.millis("CHAT_PRESENCE_TTL_MS", 30_000)),
      Math.max(100, s.millis("CHAT_CLAIM_INTERVAL_MS", 30_000)),
      s.millis("CHAT_CLAIM_IDLE_MS", 120_000),
      positive(s, "CHAT_TRANSCRIPT_ATTEMPTS", 5),
      s.millis("CHAT_TRANSCRIPT_BACKOFF_MS", 500),
      HeartbeatSettings.from(s));
  }

  /** The same settings with another per-user message rate. */
  ChatConfig withMessagesPer10s(int rate) {
    return new ChatConfig(port, settings, internalToken, backlog, maxMessages, retentionSeconds, rate, sessionCacheMs,
      typingThrottleMs, presenceTtlMs, claimIntervalMs, claimIdleMs, transcriptAttempts, transcriptBackoffMs, heartbeat);
  }

  private static int positive(Settings s, String key, int fallback) {
    int v = s.integer(key, fallback);
    if (v <= 0) {
      throw new ConfigException("Malformed configuration: " + key + " must be a positive whole number, got " + v);
    }
    return v;
  }
}
