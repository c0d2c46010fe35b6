package peerprep.common.discovery;

import io.vertx.core.Future;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import io.vertx.servicediscovery.spi.ServicePublisher;

/** Lets a test drive an importer directly and call its resolve step at a moment of its choosing. */
record DiscoveryPublisher(ServiceDiscovery sd) implements ServicePublisher {
  @Override
  public Future<Record> publish(Record record) {
    return sd.publish(record);
  }

  @Override
  public Future<Void> unpublish(String id) {
    return sd.unpublish(id);
  }

  @Override
  public Future<Record> update(Record record) {
    return sd.update(record);
  }
}
