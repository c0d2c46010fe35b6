package peerprep.common.http;

import io.vertx.core.http.HttpServerOptions;

/** Server options for the services that hold WebSockets: collaboration, chat and matching. */
public final class SocketServers {
  private SocketServers() {
  }

  /**
   * Options with the given frame and message cap and WebSocket compression turned off. Frames here are
   * small JSON (a change set, a chat line, a status), which deflate barely shrinks, while compressing every
   * frame sent to every socket cost the collaboration service's event loop about half its time under load.
   */
  public static HttpServerOptions options(int maxFrameBytes) {
    return new HttpServerOptions()
      .setMaxWebSocketFrameSize(maxFrameBytes)
      .setMaxWebSocketMessageSize(maxFrameBytes)
      .setPerMessageWebSocketCompressionSupported(false)
      .setPerFrameWebSocketCompressionSupported(false);
  }
}
