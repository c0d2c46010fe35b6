package peerprep.common.discovery;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import peerprep.common.config.ConfigException;
import peerprep.common.config.Settings;
import peerprep.common.http.ApiException;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class DiscoveryTest {

  private static Set<String> hosts(ServiceDiscovery sd, String name) {
    return sd.getRecords(new JsonObject().put("name", name)).await().stream()
      .map(Record::getLocation).map(l -> l.getString("host") + ":" + l.getInteger("port")).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("The DNS importer publishes one endpoint per A record, follows changes and drops vanished addresses")
  void dnsImporter(Vertx vertx) {
    try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
      dns.set("question-service.peerprep-prod.local", List.of("10.0.1.5", "10.0.2.7"));
      ServiceDiscovery sd = ServiceDiscovery.create(vertx);
      DnsImporter importer = new DnsImporter();
      Promise<Void> started = Promise.promise();
      importer.start(vertx, new DiscoveryPublisher(sd), new JsonObject()
        .put("services", new JsonArray().add("question-service").add("history-service"))
        .put("namespace", "peerprep-prod.local").put("port", 8000).put("refreshMs", 3_600_000L)
        .put("dnsHost", "127.0.0.1").put("dnsPort", dns.port()), started);
      started.future().await();
      assertThat(hosts(sd, "question-service")).containsExactlyInAnyOrder("10.0.1.5:8000", "10.0.2.7:8000");
      assertThat(hosts(sd, "history-service")).isEmpty();

      dns.set("question-service.peerprep-prod.local", List.of("10.0.2.7", "10.0.3.9"));
      dns.set("history-service.peerprep-prod.local", List.of("10.0.4.1"));
      importer.resolveAll().await();
      assertThat(hosts(sd, "question-service")).containsExactlyInAnyOrder("10.0.2.7:8000", "10.0.3.9:8000");
      assertThat(hosts(sd, "history-service")).containsExactly("10.0.4.1:8000");

      dns.set("question-service.peerprep-prod.local", List.of());
      importer.resolveAll().await();
      assertThat(hosts(sd, "question-service")).isEmpty();
      assertThat(dns.queries()).isGreaterThanOrEqualTo(6);
      sd.close();
    }
  }

  @Test
  @DisplayName("The DNS importer re-resolves on its timer without being asked")
  void dnsTimer(Vertx vertx) {
    try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
      dns.set("chat-service", List.of("127.0.0.1"));
      ServiceDiscovery sd = ServiceDiscovery.create(vertx);
      Promise<Void> started = Promise.promise();
      new DnsImporter().start(vertx, new DiscoveryPublisher(sd), new JsonObject()
        .put("services", new JsonArray().add("chat-service")).put("refreshMs", 50L)
        .put("dnsHost", "127.0.0.1").put("dnsPort", dns.port()), started);
      started.future().await();
      dns.set("chat-service", List.of("127.0.0.2"));
      Promise<Void> seen = Promise.promise();
      long timer = vertx.setPeriodic(20, id -> sd.getRecords(new JsonObject().put("name", "chat-service")).onSuccess(rs -> {
        if (rs.size() == 1 && "127.0.0.2".equals(rs.get(0).getLocation().getString("host"))) {
          seen.tryComplete();
        }
      }));
      seen.future().timeout(5, java.util.concurrent.TimeUnit.SECONDS).await();
      vertx.cancelTimer(timer);
      sd.close();
    }
  }

  @Test
  @DisplayName("Static discovery hands out a WebClient that reaches the configured URL")
  void staticClient(Vertx vertx) {
    int port = vertx.createHttpServer().requestHandler(req -> req.response().end("pong")).listen(0).await().actualPort();
    Discovery d = Discovery.start(vertx, new Settings(new JsonObject()
      .put("QUESTION_SERVICE_URL", "http://127.0.0.1:" + port)), List.of("question-service")).await();
    var body = d.client("question-service").compose(c -> c.get("/ping").send()).await().bodyAsString();
    assertThat(body).isEqualTo("pong");
    d.close();
  }

  @Test
  @DisplayName("Asking for an unknown service is a 503 that names it; a missing URL names its variable")
  void unknown(Vertx vertx) {
    Discovery d = Discovery.start(vertx, new Settings(new JsonObject()), List.of()).await();
    assertThatThrownBy(() -> d.client("ghost-service").await())
      .isInstanceOf(ApiException.class).hasMessageContaining("ghost-service");
    assertThatThrownBy(() -> Discovery.start(vertx, new Settings(new JsonObject()), List.of("chat-service")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("CHAT_SERVICE_URL");
    assertThatThrownBy(() -> Discovery.start(vertx, new Settings(new JsonObject().put("DISCOVERY_MODE", "consul")), List.of("chat-service")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("DISCOVERY_MODE");
    d.close();
  }
}
