package peerprep.common.discovery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.spi.ServiceImporter;
import io.vertx.servicediscovery.spi.ServicePublisher;
import io.vertx.servicediscovery.types.HttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves each peer's DNS name ({@code question-service}, or {@code question-service.<namespace>} on
 * Cloud Map) to A records and keeps one HTTP endpoint record per address, re-resolving on a timer and
 * unpublishing addresses that disappear.
 *
 * <p>Configuration: {@code services} (array of names), {@code namespace} (optional suffix),
 * {@code port} (default 8000), {@code refreshMs} (default 10000), {@code dnsHost}/{@code dnsPort}
 * (optional; the system resolver otherwise).
 */
public final class DnsImporter implements ServiceImporter {
  private static final Logger LOG = LoggerFactory.getLogger(DnsImporter.class);
  private final Map<String, Map<String, String>> registrations = new HashMap<>();
  private Vertx vertx;
  private ServicePublisher publisher;
  private DnsClient dns;
  private long timer = -1;
  private List<String> services;
  private String namespace;
  private int port;

  @Override
  public void start(Vertx vertx, ServicePublisher publisher, JsonObject config, Promise<Void> done) {
    this.vertx = vertx;
    this.publisher = publisher;
    this.services = config.getJsonArray("services").stream().map(String::valueOf).toList();
    this.namespace = config.getString("namespace", "");
    this.port = config.getInteger("port", 8000);
    DnsClientOptions options = new DnsClientOptions().setQueryTimeout(config.getLong("timeoutMs", 2000L));
    if (config.getString("dnsHost") != null) {
      options.setHost(config.getString("dnsHost")).setPort(config.getInteger("dnsPort", 53));
    }
    this.dns = vertx.createDnsClient(options);
    long refresh = config.getLong("refreshMs", 10_000L);
    resolveAll().onComplete(ar -> {
      timer = vertx.setPeriodic(refresh, id -> resolveAll());
      done.complete();
    });
  }

  /** Resolves every name once and reconciles the published records with the answers. */
  public Future<Void> resolveAll() {
    List<Future<Void>> all = new ArrayList<>();
    for (String service : services) {
      all.add(resolve(service));
    }
    return Future.join(all).mapEmpty();
  }

  private Future<Void> resolve(String service) {
    String host = namespace.isBlank() ? service : service + "." + namespace;
    return dns.resolveA(host)
      .recover(e -> {
        LOG.debug("DNS lookup of {} failed: {}", host, e.getMessage());
        return Future.succeededFuture(List.of());
      })
      .compose(addresses -> reconcile(service, new HashSet<>(addresses)));
  }

  private Future<Void> reconcile(String service, Set<String> addresses) {
    Map<String, String> current = registrations.computeIfAbsent(service, s -> new HashMap<>());
    List<Future<?>> ops = new ArrayList<>();
    for (String gone : new HashSet<>(current.keySet())) {
      if (!addresses.contains(gone)) {
        ops.add(publisher.unpublish(current.remove(gone)));
      }
    }
    for (String address : addresses) {
      if (!current.containsKey(address)) {
        current.put(address, "");
        Record record = HttpEndpoint.createRecord(service, address, port, "/",
          new JsonObject().put("source", "dns"));
        ops.add(publisher.publish(record).onSuccess(r -> current.put(address, r.getRegistration()))
          .onFailure(e -> current.remove(address)));
      }
    }
    return Future.join(ops).mapEmpty();
  }

  @Override
  public void close(io.vertx.core.Handler<Void> closed) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    List<Future<?>> ops = new ArrayList<>();
    registrations.values().forEach(m -> m.values().stream().filter(r -> !r.isEmpty())
      .forEach(r -> ops.add(publisher.unpublish(r))));
    registrations.clear();
    Future.join(ops).onComplete(ar -> closed.handle(null));
  }
}
