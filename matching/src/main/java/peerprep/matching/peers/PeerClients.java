package peerprep.matching.peers;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.servicediscovery.Record;
import peerprep.common.discovery.Discovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WebClients for the peers found through discovery, with a connection pool sized for bursts of matches:
 * every match makes four calls, and the default pool of five connections per peer queues them.
 */
public final class PeerClients {
  static final int POOL_SIZE = 32;
  private final Vertx vertx;
  private final Discovery discovery;
  private final long connectTimeoutMs;
  private final Map<String, WebClient> clients = new ConcurrentHashMap<>();

  public PeerClients(Vertx vertx, Discovery discovery, long connectTimeoutMs) {
    this.vertx = vertx;
    this.discovery = discovery;
    this.connectTimeoutMs = connectTimeoutMs;
  }

  /** A client for one endpoint of the service, chosen at random. */
  public Future<WebClient> client(String service) {
    return discovery.serviceDiscovery().getRecords(new JsonObject().put("name", service)).compose(records -> {
      if (records.isEmpty()) {
        return Future.failedFuture(new PeerFailure("The " + service + " cannot be found.", false));
      }
      return Future.succeededFuture(clientFor(pick(records).getLocation()));
    });
  }

  public void close() {
    clients.values().forEach(WebClient::close);
    clients.clear();
  }

  private static Record pick(List<Record> records) {
    return records.get(ThreadLocalRandom.current().nextInt(records.size()));
  }

  private WebClient clientFor(JsonObject location) {
    String host = location.getString("host");
    int port = location.getInteger("port");
    boolean ssl = location.getBoolean("ssl", false);
    return clients.computeIfAbsent(host + ":" + port + ":" + ssl, key -> WebClient.create(vertx,
      new WebClientOptions().setDefaultHost(host).setDefaultPort(port).setSsl(ssl)
        .setConnectTimeout((int) connectTimeoutMs).setKeepAlive(true),
      new PoolOptions().setHttp1MaxSize(POOL_SIZE)));
  }
}
