package peerprep.common.discovery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import io.vertx.servicediscovery.ServiceDiscoveryOptions;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.common.http.ApiException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds peer services by name through vertx-service-discovery and hands callers a {@link WebClient}
 * aimed at one of the name's endpoints. {@code DISCOVERY_MODE=dns} resolves names through DNS
 * ({@code DISCOVERY_NAMESPACE} is appended on Cloud Map); {@code static} reads {@code <NAME>_SERVICE_URL}.
 */
public final class Discovery {
  private final Vertx vertx;
  private final ServiceDiscovery discovery;
  private final Map<String, WebClient> clients = new ConcurrentHashMap<>();

  private final int poolSize;

  private Discovery(Vertx vertx, ServiceDiscovery discovery, int poolSize) {
    this.vertx = vertx;
    this.discovery = discovery;
    this.poolSize = poolSize;
  }

  /** Starts discovery for the peers a service calls, e.g. {@code List.of("question-service")}. */
  public static Future<Discovery> start(Vertx vertx, Settings s, List<String> peers) {
    String mode = s.string("DISCOVERY_MODE", "static").toLowerCase(Locale.ROOT);
    ServiceDiscovery sd = ServiceDiscovery.create(vertx, new ServiceDiscoveryOptions());
    Discovery d = new Discovery(vertx, sd, s.integer("DISCOVERY_POOL_SIZE", 32));
    if (peers.isEmpty()) {
      return Future.succeededFuture(d);
    }
    return switch (mode) {
      case "static" -> sd.registerServiceImporter(new StaticImporter(), new JsonObject().put("endpoints", staticEndpoints(s, peers))).map(d);
      case "dns" -> sd.registerServiceImporter(new DnsImporter(), new JsonObject()
          .put("services", new JsonArray(peers))
          .put("namespace", s.string("DISCOVERY_NAMESPACE", ""))
          .put("port", s.port("DISCOVERY_PORT", 8000))
          .put("refreshMs", s.millis("DISCOVERY_REFRESH_MS", 10_000)))
        .map(d);
      default -> throw new ConfigException("Malformed configuration: DISCOVERY_MODE must be 'dns' or 'static', got '" + mode + "'");
    };
  }

  static JsonObject staticEndpoints(Settings s, List<String> peers) {
    JsonObject endpoints = new JsonObject();
    for (String peer : peers) {
      endpoints.put(peer, s.uri(urlKey(peer)).toString());
    }
    return endpoints;
  }

  /** {@code question-service} → {@code QUESTION_SERVICE_URL}. */
  public static String urlKey(String service) {
    return service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
  }

  public ServiceDiscovery serviceDiscovery() {
    return discovery;
  }

  /** A client for one endpoint of the service, chosen at random; 503 when none is known. */
  public Future<WebClient> client(String service) {
    return discovery.getRecords(new JsonObject().put("name", service)).compose(records -> {
      if (records.isEmpty()) {
        return Future.failedFuture(ApiException.unavailable("The " + service + " cannot be reached right now."));
      }
      Record r = records.get(ThreadLocalRandom.current().nextInt(records.size()));
      JsonObject loc = r.getLocation();
      String key = loc.getString("host") + ":" + loc.getInteger("port") + ":" + loc.getBoolean("ssl", false);
      return Future.succeededFuture(clients.computeIfAbsent(key, k -> WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(loc.getString("host")).setDefaultPort(loc.getInteger("port"))
        .setSsl(loc.getBoolean("ssl", false)).setConnectTimeout(2000).setIdleTimeout(30),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(poolSize))));
    });
  }

  public void close() {
    clients.values().forEach(WebClient::close);
    discovery.close();
  }
}
