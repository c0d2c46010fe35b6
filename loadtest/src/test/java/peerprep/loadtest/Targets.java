package peerprep.loadtest;

import java.net.URI;

/**
 * Where each service answers: behind one gateway ({@code BASE_URL}, with the public prefixes) or on its own
 * development port of {@code HOST} (default 127.0.0.1), shifted by {@code PORT_OFFSET}. Internal routes
 * are never routed by a gateway, so they always go to the service's own port.
 */
record Targets(String baseUrl, String host, int portOffset) {
  static final Targets CURRENT = fromOptions();

  static Targets fromOptions() {
    String base = Options.text("BASE_URL", null);
    if (base != null) {
      URI uri = URI.create(base);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
        throw new IllegalArgumentException("BASE_URL must be an http(s) URL such as http://127.0.0.1:5173, got '" + base + "'");
      }
      base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
    String host = Options.text("HOST", "127.0.0.1");
    String offset = Options.text("PORT_OFFSET", "0");
    return new Targets(base, host, Integer.parseInt(offset));
  }

  /** The public URL of a path of a service. */
  String http(Service service, String path) {
    return baseUrl != null ? baseUrl + service.prefix + path : direct(service, path);
  }

  /** The WebSocket URL of a path of a service. */
  String ws(Service service, String path) {
    return "ws" + http(service, path).substring("http".length());
  }

  /** The service's own port, for internal routes and health checks. */
  String direct(Service service, String path) {
    return "http://" + host + ":" + (service.devPort + portOffset) + path;
  }

  String describe() {
    return baseUrl != null ? "gateway " + baseUrl : "services on " + host + ":" + (8001 + portOffset) + "-" + (8006 + portOffset);
  }
}
