package peerprep.common.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * Starts a service's HTTP server with the edge rules every service shares: the idle, header-read,
 * request and WebSocket handshake timeouts of {@link HttpTimeouts}, and problem+json answers for requests
 * the HTTP decoder refuses (414 for a request line over {@value #MAX_REQUEST_LINE} bytes, 431 for headers
 * over {@value #MAX_HEADER_BYTES} bytes, 400 for anything else it cannot parse).
 */
public final class ServiceServer {
  /** The longest request line (method, path with query, version) a service reads, in bytes. */
  public static final int MAX_REQUEST_LINE = 4096;
  /** The most header bytes a service reads for one request. */
  public static final int MAX_HEADER_BYTES = 8192;

  private ServiceServer() {
  }

  /**
   * Options with the timeouts and head limits applied, for a server that serves a {@link ServiceRouter}.
   * HTTP/2 over cleartext is off: nginx and the load balancer speak HTTP/1.1 to the services, and its
   * upgrade detection would hold a connection back until a complete request head arrived, out of reach
   * of the header timeout.
   */
  public static HttpServerOptions options(HttpServerOptions base, HttpTimeouts timeouts) {
    return new HttpServerOptions(base)
      .setIdleTimeout((int) timeouts.idleMs())
      .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
      .setHttp2ClearTextEnabled(false)
      .setMaxInitialLineLength(MAX_REQUEST_LINE)
      .setMaxHeaderSize(MAX_HEADER_BYTES);
  }

  /** Creates the server for a router built by {@link ServiceRouter} and listens on the port. */
  public static Future<HttpServer> listen(Vertx vertx, HttpServerOptions base, HttpTimeouts timeouts, Router router, int port) {
    RequestDeadline deadline = router.getMetadata(RequestDeadline.METADATA);
    if (deadline != null) {
      deadline.use(timeouts);
    }
    return vertx.createHttpServer(options(base, timeouts))
      .connectionHandler(connection -> HeaderDeadline.install(connection, timeouts.headerMs()))
      .invalidRequestHandler(ServiceServer::refuse)
      .requestHandler(router)
      .listen(port);
  }

  /** Same, with default server options (a service without WebSockets). */
  public static Future<HttpServer> listen(Vertx vertx, HttpTimeouts timeouts, Router router, int port) {
    return listen(vertx, new HttpServerOptions(), timeouts, router, port);
  }

  private static void refuse(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof TooLongHttpLineException) {
      Problems.write(request, 414, "URI Too Long", "The request line is longer than " + MAX_REQUEST_LINE + " bytes.");
    } else if (cause instanceof TooLongHttpHeaderException) {
      Problems.write(request, 431, "Request Header Fields Too Large", "The request headers are larger than " + MAX_HEADER_BYTES + " bytes.");
    } else {
      Problems.write(request, 400, "Bad Request", "The request is not valid HTTP/1.1.");
    }
  }
}
