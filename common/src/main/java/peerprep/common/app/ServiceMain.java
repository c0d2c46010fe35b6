package peerprep.common.app;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerprep.common.config.ConfigException;
import peerprep.common.config.ConfigLoader;
import peerprep.common.config.Settings;
import peerprep.common.db.DbSettings;
import peerprep.common.db.Databases;

import java.util.function.Supplier;

/**
 * The entry point of every service jar: {@code java -jar service.jar} starts the service with the Vert.x
 * launcher (metrics on); {@code java -jar service.jar migrate} runs its Flyway migrations and exits;
 * {@code java -jar service.jar train} is the class-data sharing training run of the image build
 * ({@link ClassArchive}).
 */
public final class ServiceMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);
  /** More event loops than this gain nothing on any machine a task runs on. */
  public static final int MAX_INSTANCES = 64;

  private ServiceMain() {
  }

  public static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  /**
   * @param service       the service's short name, used for {@code conf/<service>.json} and {@code db/<service>}
   * @param defaultDbName the database it owns, or null when it owns none
   */
  public static void run(String[] args, String service, String defaultDbName, Supplier<? extends Deployable> verticle) {
    run(args, service, defaultDbName, verticle, null);
  }

  /**
   * @param instancesKey the variable that says how many instances of the verticle to deploy, each on its own
   *                     event loop and all sharing the port (unset: one per core of the task); null deploys one
   */
  public static void run(String[] args, String service, String defaultDbName, Supplier<? extends Deployable> verticle,
                         String instancesKey) {
    if (args.length > 0 && "migrate".equals(args[0])) {
      System.exit(migrate(service, defaultDbName));
    }
    if (args.length > 0 && "train".equals(args[0])) {
      System.exit(ClassArchive.train());
    }
    int code = new VertxApplication(new String[0], new VertxApplicationHooks() {
      @Override
      public VertxBuilder createVertxBuilder(VertxOptions options) {
        return Vertx.builder().with(options.setMetricsOptions(metricsOptions()));
      }

      @Override
      public Supplier<? extends Deployable> verticleSupplier() {
        return verticle;
      }

      @Override
      public void beforeDeployingVerticle(io.vertx.launcher.application.HookContext context) {
        if (instancesKey == null) {
          return;
        }
        try {
          Settings settings = ConfigLoader.load(context.vertx(), service, context.deploymentOptions().getConfig()).await();
          context.deploymentOptions().setInstances(instances(settings, instancesKey));
        } catch (ConfigException e) {
          LOG.error("{} did not start: {}", service, e.getMessage());
          System.exit(2);
        }
      }

      @Override
      public void afterFailureToDeployVerticle(io.vertx.launcher.application.HookContext context, Throwable t) {
        LOG.error("{} did not start: {}", service, t.getMessage());
        if (t instanceof ConfigException) {
          System.exit(2);
        }
      }
    }).launch();
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * How many verticle instances {@code key} asks for, at most {@link #MAX_INSTANCES}; when unset, one per
   * core the JVM sees (in a container, the cores of the task's CPU share, rounded up).
   */
  public static int instances(Settings settings, String key) {
    return settings.integer(key, cores(), 1, MAX_INSTANCES);
  }

  /** The cores the JVM may use, at most {@link #MAX_INSTANCES}. */
  public static int cores() {
    return Math.min(MAX_INSTANCES, Runtime.getRuntime().availableProcessors());
  }

  static int migrate(String service, String defaultDbName) {
    if (defaultDbName == null) {
      LOG.info("{} has no database; nothing to migrate", service);
      return 0;
    }
    Vertx vertx = Vertx.vertx();
    try {
      DbSettings db = ConfigLoader.load(vertx, service, new JsonObject())
        .map(s -> DbSettings.from(s, defaultDbName))
        .await();
      Databases.migrateNow(db, service);
      return 0;
    } catch (ConfigException e) {
      LOG.error(e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      LOG.error("Migration of {} failed: {}", service, e.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
  }
}
