package peerprep.common.discovery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.servicediscovery.spi.ServiceImporter;
import io.vertx.servicediscovery.spi.ServicePublisher;
import io.vertx.servicediscovery.types.HttpEndpoint;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes fixed HTTP endpoints from configuration: {@code endpoints} maps a service name to its base
 * URL ({@code "question-service": "http://localhost:8001"}). Used for a single-machine run.
 */
public final class StaticImporter implements ServiceImporter {
  private final List<String> registrations = new ArrayList<>();
  private ServicePublisher publisher;

  @Override
  public void start(Vertx vertx, ServicePublisher publisher, JsonObject config, Promise<Void> done) {
    this.publisher = publisher;
    JsonObject endpoints = config.getJsonObject("endpoints", new JsonObject());
    List<Future<?>> ops = new ArrayList<>();
    for (String name : endpoints.fieldNames()) {
      URI uri = URI.create(endpoints.getString(name));
      int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
      ops.add(publisher.publish(HttpEndpoint.createRecord(name, "https".equals(uri.getScheme()), uri.getHost(), port,
          uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath(), new JsonObject().put("source", "static")))
        .onSuccess(r -> registrations.add(r.getRegistration())));
    }
    Future.all(ops).onComplete(ar -> done.handle(ar.mapEmpty()));
  }

  @Override
  public void close(io.vertx.core.Handler<Void> closed) {
    List<Future<?>> ops = new ArrayList<>();
    registrations.forEach(r -> ops.add(publisher.unpublish(r)));
    registrations.clear();
    Future.join(ops).onComplete(ar -> closed.handle(null));
  }
}
