package peerprep.chat;

import peerprep.common.config.Settings;

/** Every configuration key the chat-service reads, mapped once. */
public record ChatConfig(int port, Settings redis) {

  public static ChatConfig from(Settings s) {
    s.uri("REDIS_URL");
    return new ChatConfig(s.port("PORT", 8000), s);
  }
}
