package peerprep.common.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Loads a service's configuration: defaults from {@code conf/<service>.json} in the jar, overridden by
 * environment variables, overridden in turn by the deployment's own config (used by the devstack and
 * tests to run several services in one JVM).
 */
public final class ConfigLoader {
  private ConfigLoader() {
  }

  public static Future<Settings> load(Vertx vertx, String service, JsonObject deploymentConfig) {
    ConfigStoreOptions defaults = new ConfigStoreOptions()
      .setType("file").setFormat("json").setOptional(true)
      .setConfig(new JsonObject().put("path", "conf/" + service + ".json"));
    ConfigStoreOptions env = new ConfigStoreOptions().setType("env")
      .setConfig(new JsonObject().put("raw-data", true));
    ConfigStoreOptions deployment = new ConfigStoreOptions().setType("json")
      .setConfig(deploymentConfig == null ? new JsonObject() : deploymentConfig);
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
      .setScanPeriod(0).addStore(defaults).addStore(env).addStore(deployment));
    return retriever.getConfig()
      .map(Settings::new)
      .andThen(ar -> retriever.close());
  }
}
